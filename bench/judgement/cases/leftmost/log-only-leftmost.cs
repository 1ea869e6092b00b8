// The first entry goes to a debug log line only.
public class ProxyDebug
{
    private readonly ILogger<ProxyDebug> _logger;

    public ProxyDebug(ILogger<ProxyDebug> logger) => _logger = logger;

    public void Trace(HttpContext context)
    {
        var xff = context.Request.Headers["X-Forwarded-For"].ToString();
        _logger.LogDebug("Original client claimed {Ip}", xff.Split(',')[0]);
    }
}
