// An IIS-hosted app that reads the REMOTE_ADDR server variable to rate-limit password resets.
using System.Collections.Concurrent;

public static class PasswordResetEndpoints
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    public static IResult Reset(HttpContext context, string email)
    {
        var address = {|CIP0001:context.GetServerVariable("REMOTE_ADDR")|} ?? "unknown";
        if (Attempts.AddOrUpdate(address, 1, (_, n) => n + 1) > 5)
        {
            return Results.StatusCode(429);
        }

        return Results.Accepted();
    }
}
