// The header name lives in a static readonly field of a constants class.
public static class HeaderNames
{
    public static readonly string ClientIp = "True-Client-IP";
}

public class VisitorCounter
{
    private readonly HashSet<string> _seen = new();

    public int Count(HttpContext context)
    {
        var visitor = {|CIP0002:context.Request.Headers[HeaderNames.ClientIp]|}.ToString();
        _seen.Add(visitor);
        return _seen.Count;
    }
}
