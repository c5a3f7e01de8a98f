/**
 * Local training at a private data center: the model families (Tribuo logistic and linear regression and
 * factorization machine with warm start, and FDC's MLP on a small dense kernel), their flat tensor layout, and
 * evaluation (accuracy, macro-F1, confusion matrix, MSE).
 */
package org.fdcfabric.datacenter.training;
