// OpenIddict-style token-request event handler stamps the issued token with the first X-Forwarded-For entry (the one the client wrote) for later "token used from another address" checks. CIP0003.
public sealed class TokenRequestContext
{
    public TokenRequestContext(HttpContext http) => Http = http;
    public HttpContext Http { get; }
    public Dictionary<string, string> Claims { get; } = new();
}

public interface ITokenEventHandler
{
    ValueTask HandleAsync(TokenRequestContext context);
}

public sealed class AttachOriginAddressHandler : ITokenEventHandler
{
    public ValueTask HandleAsync(TokenRequestContext context)
    {
        var request = context.Http.Request;
        string origin = {|CIP0003:request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries)[0]|};
        if (origin.Length > 0)
        {
            context.Claims["origin_ip"] = origin;
        }
        return ValueTask.CompletedTask;
    }
}
