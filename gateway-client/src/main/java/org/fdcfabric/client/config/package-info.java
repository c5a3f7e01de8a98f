/**
 * Reading the YAML configuration files of FDC's long-running services ({@code fdc center serve}, {@code fdc compute
 * serve}) key by key, so each mistake stops start-up with one message naming the file and the dotted key.
 */
package org.fdcfabric.client.config;
