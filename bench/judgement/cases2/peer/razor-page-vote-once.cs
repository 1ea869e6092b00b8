// A Razor page lets each address vote once on a poll, keyed by the connection peer: behind nginx only the first voter counts. CIP0001.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

public record PollVote(int PollId, string Option, string VoterAddress, DateTime CastAt);

public interface IPollStore
{
    Task<bool> HasVotedAsync(int pollId, string voterAddress);
    Task AddAsync(PollVote vote);
}

public class PollModel : PageModel
{
    private readonly IPollStore _store;

    public PollModel(IPollStore store) => _store = store;

    [BindProperty]
    public string Option { get; set; } = "";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        string voter = {|CIP0001:HttpContext.Connection.RemoteIpAddress|}?.MapToIPv4().ToString() ?? string.Empty;
        if (await _store.HasVotedAsync(id, voter))
        {
            Message = "You already voted on this poll.";
            return Page();
        }

        await _store.AddAsync(new PollVote(id, Option, voter, DateTime.UtcNow));
        return RedirectToPage("Results", new { id });
    }
}
