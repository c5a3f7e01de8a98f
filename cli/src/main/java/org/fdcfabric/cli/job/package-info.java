/** {@code fdc job create|accept|show|cancel}: federated training jobs. */
package org.fdcfabric.cli.job;
