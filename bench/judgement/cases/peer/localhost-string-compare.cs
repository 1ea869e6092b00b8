// Diagnostics endpoint open to "local" callers only, compared as text.
public static class DiagnosticsEndpoints
{
    public static IResult Dump(HttpContext context)
    {
        var ip = {|CIP0001:context.Connection.RemoteIpAddress|}?.ToString();
        if (ip != "127.0.0.1" && ip != "::1")
        {
            return Results.NotFound();
        }

        return Results.Ok(Environment.GetEnvironmentVariables().Count);
    }
}
