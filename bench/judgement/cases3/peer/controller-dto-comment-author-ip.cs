// Guestbook controller maps a posted entry to a stored record including Request.HttpContext.Connection's peer (used later for moderation bans); no forwarding configured: CIP0001.
using Microsoft.AspNetCore.Mvc;

public sealed record GuestbookInput(string Name, string Message);
public sealed record GuestbookEntry(string Name, string Message, string? AuthorIp, DateTime CreatedUtc);

public interface IGuestbook
{
    void Add(GuestbookEntry entry);
    bool IsBanned(string? authorIp);
}

[ApiController]
[Route("guestbook")]
public sealed class GuestbookController : ControllerBase
{
    private readonly IGuestbook _book;
    public GuestbookController(IGuestbook book) => _book = book;

    [HttpPost]
    public IActionResult Sign(GuestbookInput input)
    {
        var entry = ToEntry(input);
        if (_book.IsBanned(entry.AuthorIp))
        {
            return StatusCode(403);
        }
        _book.Add(entry);
        return NoContent();
    }

    private GuestbookEntry ToEntry(GuestbookInput input) =>
        new(input.Name, input.Message, {|CIP0001:Request.HttpContext.Connection.RemoteIpAddress|}?.ToString(), DateTime.UtcNow);
}
