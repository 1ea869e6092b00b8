using ClientIp;
using Microsoft.AspNetCore.Http;

namespace Library;

/// <summary>The library after the code fix: it asks the resolver.</summary>
public static class ClientAddress
{
    public static string? Of(HttpContext context) => context.GetClientIpAddress()?.ToString();

    // A mistake the fix has not reached yet.
    public static string? Claimed(HttpContext context) => context.Request.Headers["X-Real-IP"]; // expect: CIP0002
}
