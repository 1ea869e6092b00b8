// The header is handed to a small helper that returns the first hop (values[0] up to the comma); the caller uses it as the vote key. CIP0003, either at the read or at the selection.
// Verdict kept: the leftmost selection happens in the helper; CIP0002 at the read names the wrong rule (the whole header is not what is used, its first hop is).
using Microsoft.Extensions.Primitives;

public static class Votes
{
    private static readonly HashSet<string> Voted = new();

    private static string? FirstHop(StringValues values) =>
        values.Count == 0 ? null : {|CIP0003#a:values[0]?.Split(',')[0]|}.Trim();

    public static IResult Cast(HttpContext context, int answer)
    {
        var voter = FirstHop({|CIP0003#a:context.Request.Headers["X-Forwarded-For"]|}) ?? context.Connection.RemoteIpAddress?.ToString();
        return voter is not null && Voted.Add(voter) ? Results.Ok(answer) : Results.Conflict();
    }
}
