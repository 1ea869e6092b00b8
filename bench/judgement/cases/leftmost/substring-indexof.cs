// Cuts the header at the first comma by hand.
public static class Caller
{
    public static string Address(HttpRequest request)
    {
        string xff = request.Headers["X-Forwarded-For"].ToString();
        int comma = xff.IndexOf(',');
        var first = comma >= 0 ? {|CIP0003:xff.Substring(0, comma)|} : xff;
        return first.Trim();
    }
}
