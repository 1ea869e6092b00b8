// A small header helper, called with a client-IP header name.
using Microsoft.AspNetCore.Mvc;

public static class RequestExtensions
{
    public static string? Header(this HttpRequest request, string name) => request.Headers[name].FirstOrDefault();
}

[ApiController]
public class VotesController : ControllerBase
{
    private static readonly HashSet<string> Voted = new();

    [HttpPost("vote")]
    public IActionResult Vote()
    {
        var voter = {|CIP0002:Request.Header("X-Real-IP")|} ?? "anonymous";
        return Voted.Add(voter) ? Ok() : Conflict();
    }
}
