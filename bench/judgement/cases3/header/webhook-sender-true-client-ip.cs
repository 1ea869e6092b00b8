// Payment webhook accepts calls only from the provider's published ranges, checked against True-Client-IP, which nothing verifies was set by a trusted edge. CIP0002.
using System.Net;
using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("webhooks/payments")]
public sealed class PaymentWebhookController : ControllerBase
{
    private static readonly System.Net.IPNetwork[] ProviderRanges =
    {
        System.Net.IPNetwork.Parse("185.60.20.0/24"),
        System.Net.IPNetwork.Parse("2a03:2880:f000::/48"),
    };

    [HttpPost]
    public IActionResult Receive([FromBody] System.Text.Json.JsonElement payload)
    {
        if (!{|CIP0002:Request.Headers.TryGetValue("True-Client-IP", out var sender)|} || !IPAddress.TryParse(sender.ToString(), out var senderIp))
        {
            return Unauthorized();
        }
        if (!ProviderRanges.Any(r => r.Contains(senderIp)))
        {
            return Unauthorized();
        }
        return Ok(new { received = payload.ValueKind.ToString() });
    }
}
