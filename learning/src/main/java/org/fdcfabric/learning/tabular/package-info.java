/**
 * Tabular data as a UCL schema declares it, before preprocessing: the form in which a private data center holds
 * imported tables and from which each job's preprocessing (imputation, standardization, category encoding)
 * derives the model's inputs. {@link org.fdcfabric.learning.tabular.TabularCsvReader} streams a CSV file into it,
 * reporting refused rows by file line.
 */
package org.fdcfabric.learning.tabular;
