// A controller that stores who did what, with the caller's address, in the audit table.
using Microsoft.AspNetCore.Mvc;

public sealed class AuditEntry
{
    public string Action { get; set; } = "";
    public string? IpAddress { get; set; }
    public DateTime At { get; set; }
}

public interface IAuditStore { Task AddAsync(AuditEntry entry); }

[ApiController]
[Route("api/accounts")]
public class AccountsController : ControllerBase
{
    private readonly IAuditStore _audit;

    public AccountsController(IAuditStore audit) => _audit = audit;

    [HttpDelete("{id}")]
    public async Task<IActionResult> Delete(int id)
    {
        await _audit.AddAsync(new AuditEntry
        {
            Action = $"delete account {id}",
            IpAddress = {|CIP0001:HttpContext.Connection.RemoteIpAddress|}?.ToString(),
            At = DateTime.UtcNow,
        });
        return NoContent();
    }
}
