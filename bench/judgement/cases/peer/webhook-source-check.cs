// A payment provider's webhook, accepted only from the provider's documented addresses.
using System.Net;
using Microsoft.AspNetCore.Mvc;

[ApiController]
public class PaymentWebhookController : ControllerBase
{
    private static readonly IPAddress[] ProviderAddresses = { IPAddress.Parse("185.60.20.1"), IPAddress.Parse("185.60.20.2") };

    [HttpPost("webhooks/payments")]
    public IActionResult Receive([FromBody] object payload)
    {
        var source = {|CIP0001:Request.HttpContext.Connection.RemoteIpAddress|};
        if (source is null || !ProviderAddresses.Contains(source.MapToIPv4()))
        {
            return Unauthorized();
        }

        return Ok();
    }
}
