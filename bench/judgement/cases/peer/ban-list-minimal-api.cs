// A ban list kept in memory and checked by an endpoint.
using System.Collections.Concurrent;
using System.Net;

public static class CommentEndpoints
{
    private static readonly ConcurrentDictionary<IPAddress, DateTime> Banned = new();

    public static void Map(WebApplication app)
    {
        app.MapPost("/comments", (HttpContext context, string text) =>
        {
            var caller = {|CIP0001:context.Connection.RemoteIpAddress|};
            if (caller is not null && Banned.TryGetValue(caller, out var until) && until > DateTime.UtcNow)
            {
                return Results.StatusCode(403);
            }

            return Results.Ok(text.Length);
        });
    }
}
