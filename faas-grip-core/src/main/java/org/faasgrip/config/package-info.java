/**
 * Where the GRIP proxies are and how to talk to them: {@link org.faasgrip.config.GripConfig} reads
 * {@code GRIP_URL}, {@code GRIP_PROXIES} and {@code GRIP_PREFIX}; each {@link org.faasgrip.config.GripProxy}
 * holds one proxy's control URI, publish credentials and {@code Grip-Sig} verification key.
 *
 * <p>Nothing here ever prints a key, token or password: not in {@code toString}, not in an exception message.
 */
package org.faasgrip.config;
