// Sign-up throttling keeps the part of X-Forwarded-For before the first comma as the registrant's address. CIP0003.
public sealed class SignupThrottle
{
    private readonly Dictionary<string, int> _signups = new();

    public bool Allow(HttpContext context)
    {
        string xff = {|CIP0003#a:context.Request.Headers["X-Forwarded-For"]|}.ToString();
        int comma = xff.IndexOf(',');
        string registrant = comma >= 0 ? {|CIP0003#a:xff.Substring(0, comma)|} : xff;
        _signups[registrant] = _signups.TryGetValue(registrant, out var n) ? n + 1 : 1;
        return _signups[registrant] <= 3;
    }
}
