// The most common helper on the internet: first X-Forwarded-For entry, then X-Real-IP, then the peer.
public static class HttpContextExtensions
{
    public static string? GetUserIp(this HttpContext context)
    {
        var forwardedFor = {|CIP0003#a:context.Request.Headers["X-Forwarded-For"].FirstOrDefault()|};
        if (!string.IsNullOrEmpty(forwardedFor))
        {
            return {|CIP0003#a:forwardedFor.Split(',')[0]|}.Trim();
        }

        var realIp = {|CIP0002:context.Request.Headers["X-Real-IP"]|}.FirstOrDefault();
        if (!string.IsNullOrEmpty(realIp))
        {
            return realIp;
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }
}
