/**
 * FaaS GRIP in a Jakarta Servlet 6 container (Jetty, Tomcat, Spring MVC; on Cloud Run, Knative, Fly): WebSockets
 * (as WebSocket-over-HTTP), HTTP streaming and long-polling through a GRIP proxy.
 *
 * <ul>
 *   <li>{@link org.faasgrip.servlet.GripServlet}: extend it and implement one {@code handle} method.
 *   <li>{@link org.faasgrip.servlet.ServletGrip}: {@code read}, {@code write} and {@code serve} for code that has
 *       the servlet request and response in hand, such as a Spring MVC controller.
 * </ul>
 *
 * <p>The adapter only converts the servlet request and response; the rules are the platform-neutral
 * {@link org.faasgrip.function.Grip}'s.
 */
package org.faasgrip.servlet;
