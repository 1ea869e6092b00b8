// CF-Connecting-IP, else the first X-Forwarded-For entry, else the peer: stored with each new session.
public sealed class Session
{
    public string? Ip { get; init; }
}

public static class Sessions
{
    public static Session Start(HttpContext context)
    {
        var ip = {|CIP0002:context.Request.Headers["CF-Connecting-IP"]|}.FirstOrDefault()
            ?? {|CIP0003#a:context.Request.Headers["X-Forwarded-For"].FirstOrDefault()|}?{|CIP0003#a:.Split(',')[0]|}.Trim()
            ?? context.Connection.RemoteIpAddress?.ToString();
        return new Session { Ip = ip };
    }
}
