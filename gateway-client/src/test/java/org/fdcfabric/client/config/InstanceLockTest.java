package org.fdcfabric.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedWithTheFirstOnesPid() throws Exception {
        try (InstanceLock first = InstanceLock.acquire(dir, "center.lock", "center", "store.dataDir")) {
            assertThat(Files.readString(dir.resolve("center.lock")))
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));

            assertThatThrownBy(() -> InstanceLock.acquire(dir, "center.lock", "center", "store.dataDir"))
                    .isInstanceOf(InstanceLock.Locked.class)
                    .hasMessageContaining("in use by another center (pid "
                            + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("store.dataDir");
        }
    }

    @Test
    void isFreeAgainOnceReleased() throws Exception {
        InstanceLock.acquire(dir, "compute.lock", "compute node", "dataDir").close();

        try (InstanceLock again = InstanceLock.acquire(dir, "compute.lock", "compute node", "dataDir")) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void createsTheDirectory() throws Exception {
        Path nested = dir.resolve("a").resolve("b");
        try (InstanceLock lock = InstanceLock.acquire(nested, "center.lock", "center", "store.dataDir")) {
            assertThat(nested.resolve("center.lock")).exists();
        }
    }
}
