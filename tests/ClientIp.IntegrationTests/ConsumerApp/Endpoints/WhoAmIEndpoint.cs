// The usual "repair": trust the proxy's single-address header. Any client can send it.
public static class WhoAmIEndpoint
{
    public static IResult Handle(HttpContext ctx)
    {
        string? ip = ctx.Request.Headers["X-Real-IP"]; // expect: CIP0002
        return Results.Text($"{ip}");
    }
}
