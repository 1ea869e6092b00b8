// A Razor page stores the sender's address with each contact message to fight spam.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

public sealed class ContactMessage
{
    public string Body { get; set; } = "";
    public string? SenderIp { get; set; }
}

public class ContactModel : PageModel
{
    private static readonly List<ContactMessage> Inbox = new();

    [BindProperty]
    public string Message { get; set; } = "";

    public IActionResult OnPost()
    {
        var sender = {|CIP0001:HttpContext.Connection.RemoteIpAddress|}?.ToString();
        if (Inbox.Count(m => m.SenderIp == sender) > 10)
        {
            return BadRequest();
        }

        Inbox.Add(new ContactMessage { Body = Message, SenderIp = sender });
        return RedirectToPage("Thanks");
    }
}
