// An authentication handler signs in "internal" callers by address, taking X-Forwarded-For when present (else the peer): any caller can claim an internal address. CIP0002 on the header read; the peer fallback is the idiom's.
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

public sealed class InternalNetworkHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private static readonly IPNetwork Office = IPNetwork.Parse("192.168.10.0/24");

    public InternalNetworkHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        IPAddress? caller;
        if ({|CIP0002:Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded)|})
        {
            IPAddress.TryParse(forwarded.ToString(), out caller);
        }
        else
        {
            caller = Context.Connection.RemoteIpAddress;
        }

        if (caller is null || !Office.Contains(caller))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, "office") }, Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
