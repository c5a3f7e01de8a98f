/**
 * The explorer's web server: the JDK's HTTP(S) server, Thymeleaf pages (every value from the chain goes through
 * {@code th:text} or {@code th:attr}, so it is escaped), static assets and the Chart.js webjar, and the server-sent
 * event stream of new blocks.
 */
package org.fdcfabric.explorer.web;
