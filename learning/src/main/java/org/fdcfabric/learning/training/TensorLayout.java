package org.fdcfabric.learning.training;

import java.util.List;

/** Where one named tensor lives inside a model's flat parameter vector. */
record TensorLayout(String name, List<Integer> shape, int offset, int size) {
    public TensorLayout {
        shape = List.copyOf(shape);
    }
}
