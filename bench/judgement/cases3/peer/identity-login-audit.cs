// ASP.NET Core Identity login page model writes a login-audit row with the connection's peer as the user's address; no forwarding configured, so every audit row holds the load balancer: CIP0001.
using Microsoft.AspNetCore.Identity;

public sealed record LoginAuditEntry(string UserName, bool Succeeded, string? IpAddress, DateTimeOffset At);

public interface ILoginAuditStore
{
    Task AddAsync(LoginAuditEntry entry, CancellationToken ct);
}

public sealed class LoginService
{
    private readonly SignInManager<IdentityUser> _signIn;
    private readonly ILoginAuditStore _audit;

    public LoginService(SignInManager<IdentityUser> signIn, ILoginAuditStore audit)
    {
        _signIn = signIn;
        _audit = audit;
    }

    public async Task<bool> LoginAsync(HttpContext http, string userName, string password, CancellationToken ct)
    {
        var result = await _signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        var entry = new LoginAuditEntry(
            userName,
            result.Succeeded,
            {|CIP0001:http.Request.HttpContext.Connection.RemoteIpAddress|}?.ToString(),
            DateTimeOffset.UtcNow);
        await _audit.AddAsync(entry, ct);
        return result.Succeeded;
    }
}
