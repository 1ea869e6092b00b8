// Checkout action binds X-Client-IP with [FromHeader] and feeds it to the fraud scorer; the header is whatever the caller sends. CIP0002.
using Microsoft.AspNetCore.Mvc;

public interface IFraudScorer
{
    double Score(string? ip, decimal amount);
}

[ApiController]
[Route("checkout")]
public sealed class CheckoutController : ControllerBase
{
    private readonly IFraudScorer _scorer;
    public CheckoutController(IFraudScorer scorer) => _scorer = scorer;

    [HttpPost("{amount:decimal}")]
    public IActionResult Pay(decimal amount, {|CIP0002:[FromHeader(Name = "X-Client-IP")]|} string? clientIp)
    {
        if (_scorer.Score(clientIp, amount) > 0.8)
        {
            return StatusCode(402);
        }
        return Ok();
    }
}
