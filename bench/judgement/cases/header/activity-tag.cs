// Telemetry only: the header becomes a span tag.
using System.Diagnostics;

public static class RequestTelemetry
{
    public static void Enrich(Activity activity, HttpRequest request) =>
        activity.SetTag("http.client_ip", request.Headers["X-Forwarded-For"].ToString());
}
