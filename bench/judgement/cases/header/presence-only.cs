// Counts proxied requests: only whether the header is there matters.
public class ProxyMetrics
{
    public int Proxied { get; private set; }

    public void Observe(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || !string.IsNullOrEmpty(context.Request.Headers["X-Real-IP"]))
        {
            Proxied++;
        }
    }
}
