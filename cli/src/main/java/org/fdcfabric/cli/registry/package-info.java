/** {@code fdc dataset register|show|list|history}: the UCL registry on the registration channel. */
package org.fdcfabric.cli.registry;
