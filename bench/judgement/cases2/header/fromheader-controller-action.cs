// A controller action binds CF-Connecting-IP with [FromHeader] and stores it as the subscriber's sign-up address (anti-abuse): the caller chooses it. CIP0002 at the attribute.
using Microsoft.AspNetCore.Mvc;

public record Subscription(string Email, string? SignupAddress);

[ApiController]
[Route("newsletter")]
public class NewsletterController : ControllerBase
{
    private static readonly List<Subscription> Subscriptions = new();

    [HttpPost("subscribe")]
    public IActionResult Subscribe([FromForm] string email, [{|CIP0002:FromHeader(Name = "CF-Connecting-IP")|}] string? visitorIp)
    {
        if (Subscriptions.Count(s => s.SignupAddress == visitorIp) >= 3)
        {
            return StatusCode(429);
        }

        Subscriptions.Add(new Subscription(email, visitorIp));
        return Accepted();
    }
}
