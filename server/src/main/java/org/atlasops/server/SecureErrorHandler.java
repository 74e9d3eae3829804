package org.atlasops.server;

import java.nio.ByteBuffer;
import org.atlasops.server.web.SecurityHeaders;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The web server's own error answers — a request it refuses before the app sees it (a malformed request line, headers
 * too large, a body sent too slowly) — carry the same security headers as the app's answers, and are never cached.
 */
final class SecureErrorHandler extends ErrorHandler {
    SecureErrorHandler() {
        setCacheControl(SecurityHeaders.NO_STORE);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.ALL.forEach((name, value) -> response.getHeaders().put(name, value));
        return super.handle(request, response, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.ALL.forEach(fields::put);
        return super.badMessageError(status, reason, fields);
    }
}
