/**
 * Training both sides of a federation share: the model families (Tribuo logistic and linear regression and
 * factorization machine with warm start, and FDC's MLP on a small dense kernel), their spec, flat tensor layout,
 * codec and seeded initializer, the dataset schema, the task guard, and evaluation (accuracy, macro-F1, confusion
 * matrix; MSE, MAE, R²).
 */
package org.fdcfabric.learning.training;
