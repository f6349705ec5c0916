package valor.api;

/** The API answered with an HTTP status that retrying will not fix (401, 403, 404, other 4xx). */
public final class ApiStatusException extends RuntimeException {
    private final int status;
    private final String endpoint;

    public ApiStatusException(int status, String endpoint, String message) {
        super("GET /" + endpoint + " returned HTTP " + status + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
        this.endpoint = endpoint;
    }

    public int status() {
        return status;
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean isAuthentication() {
        return status == 401 || status == 403;
    }
}
