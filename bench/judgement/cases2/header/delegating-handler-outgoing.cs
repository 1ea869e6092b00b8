// An HttpClient handler tells the downstream API who the client is by writing X-Forwarded-For / X-Real-IP on the outgoing request from the resolver. Quiet.
using ClientIp;

public sealed class ForwardClientHandler : DelegatingHandler
{
    private readonly IHttpContextAccessor _accessor;

    public ForwardClientHandler(IHttpContextAccessor accessor) => _accessor = accessor;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var client = _accessor.HttpContext?.GetClientIpAddress()?.ToString();
        if (client is not null)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", client);
            request.Headers.Add("X-Real-IP", client);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
