// A scoped ICurrentRequest service reads X-Client-IP (set by "our gateway") and an EF-style SaveChanges hook stamps it on every created row: nothing checks the gateway sent it. CIP0002.
// file: CurrentRequest.cs
public interface ICurrentRequest
{
    string? ClientAddress { get; }
}

public sealed class CurrentRequest : ICurrentRequest
{
    private readonly IHttpContextAccessor _accessor;

    public CurrentRequest(IHttpContextAccessor accessor) => _accessor = accessor;

    public string? ClientAddress
    {
        get
        {
            var request = _accessor.HttpContext?.Request;
            if (request is null)
            {
                return null;
            }

            return {|CIP0002:request.Headers.TryGetValue("X-Client-IP", out var value)|} ? value.ToString() : null;
        }
    }
}
// file: Auditing.cs
public abstract class AuditedEntity
{
    public DateTime CreatedAt { get; set; }
    public string? CreatedFromAddress { get; set; }
}

public sealed class Order : AuditedEntity
{
    public int Id { get; set; }
}

public sealed class AuditStamper
{
    private readonly ICurrentRequest _current;

    public AuditStamper(ICurrentRequest current) => _current = current;

    public void BeforeSave(IEnumerable<AuditedEntity> added)
    {
        foreach (var entity in added)
        {
            entity.CreatedAt = DateTime.UtcNow;
            entity.CreatedFromAddress = _current.ClientAddress;
        }
    }
}
