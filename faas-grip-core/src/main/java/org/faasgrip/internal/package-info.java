/**
 * Helpers shared by the core's packages (JSON, argument checks). Not part of the public API: anything here may
 * change without notice.
 */
package org.faasgrip.internal;
