/**
 * What to publish: {@link org.faasgrip.publish.Item items} on a channel, each carrying one or more
 * {@link org.faasgrip.publish.Format formats} (HTTP stream, HTTP response, WebSocket message), and
 * {@link org.faasgrip.publish.PublishBody} that writes them as the JSON body of the proxy's publish API.
 */
package org.faasgrip.publish;
