package dev.pop.server.http;

import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Documents served from the classpath ({@code /pop-http/}): the OpenAPI description and the dashboard. */
final class StaticPages {
  private StaticPages() {
  }

  static void register(HttpFront front) {
    final byte[] openApi = resource("openapi.json");
    front.route(HandlerType.GET, "/openapi.json", "openapi",
        ctx -> ctx.contentType("application/json").result(openApi));
    final byte[] dashboard = resource("dashboard.html");
    front.route(HandlerType.GET, "/", "dashboard",
        ctx -> ctx.contentType("text/html; charset=utf-8").result(dashboard));
  }

  private static byte[] resource(String name) {
    try (InputStream in = StaticPages.class.getResourceAsStream("/pop-http/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /pop-http/" + name + " in the server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
