// TryGetValue's result is ignored; the out value is used later.
public class DownloadLimiter
{
    private readonly Dictionary<string, int> _downloads = new();

    public bool Allow(HttpContext context)
    {
        {|CIP0002:context.Request.Headers.TryGetValue("X-Real-IP", out var realIp)|};
        var key = realIp.ToString();
        _downloads[key] = _downloads.GetValueOrDefault(key) + 1;
        return _downloads[key] < 100;
    }
}
