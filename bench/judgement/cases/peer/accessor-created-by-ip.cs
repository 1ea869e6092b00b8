// A domain service that stamps new orders with the caller's address, through IHttpContextAccessor.
public sealed class Order
{
    public int Id { get; set; }
    public string? CreatedFromIp { get; set; }
}

public class OrderService
{
    private readonly IHttpContextAccessor _accessor;

    public OrderService(IHttpContextAccessor accessor) => _accessor = accessor;

    public Order Create()
    {
        return new Order { CreatedFromIp = {|CIP0001:_accessor.HttpContext?.Connection.RemoteIpAddress|}?.ToString() };
    }
}
