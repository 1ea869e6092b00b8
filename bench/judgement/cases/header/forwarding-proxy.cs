// A tiny reverse proxy: passes X-Forwarded-For on, appending the peer, as every proxy does.
public class ForwardingHandler
{
    private readonly HttpClient _client;

    public ForwardingHandler(HttpClient client) => _client = client;

    public async Task ForwardAsync(HttpContext context)
    {
        using var outgoing = new HttpRequestMessage(HttpMethod.Get, "http://backend" + context.Request.Path);
        var existing = context.Request.Headers["X-Forwarded-For"].ToString();
        var peer = context.Connection.RemoteIpAddress?.ToString();
        outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For", string.IsNullOrEmpty(existing) ? peer : existing + ", " + peer);
        using var response = await _client.SendAsync(outgoing);
        context.Response.StatusCode = (int)response.StatusCode;
    }
}
