// Older service (nullable disabled) records a poll vote per address from IHttpContextAccessor to stop double voting; no forwarding configured, so behind a proxy one vote counts for everyone: CIP0001.
#nullable disable
public class PollVote
{
    public int PollId { get; set; }
    public int OptionId { get; set; }
    public string VoterIp { get; set; }
}

public class PollVoteService
{
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly List<PollVote> _votes = new List<PollVote>();

    public PollVoteService(IHttpContextAccessor httpContextAccessor)
    {
        _httpContextAccessor = httpContextAccessor;
    }

    public bool Vote(int pollId, int optionId)
    {
        string voterIp = {|CIP0001:_httpContextAccessor.HttpContext.Connection.RemoteIpAddress|}.ToString();
        if (_votes.Any(v => v.PollId == pollId && v.VoterIp == voterIp))
        {
            return false;
        }
        _votes.Add(new PollVote { PollId = pollId, OptionId = optionId, VoterIp = voterIp });
        return true;
    }
}
