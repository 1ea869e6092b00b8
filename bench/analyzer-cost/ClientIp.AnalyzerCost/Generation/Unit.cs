namespace ClientIp.AnalyzerCost.Generation;

/// <summary>
/// One feature of the generated app: its models, service and options, plus the request-handling files that use them.
/// </summary>
/// <param name="Name">Type-name stem, e.g. <c>Invoice17</c>.</param>
/// <param name="Route">URL segment, e.g. <c>invoice17</c>.</param>
internal sealed record Unit(string Name, string Route, bool HasController, bool HasEndpoints, bool HasMiddleware, bool HasHub)
{
    private static readonly string[] Nouns =
    [
        "Order", "Customer", "Invoice", "Product", "Shipment", "Catalog", "Review", "Payment", "Coupon", "Warehouse",
        "Supplier", "Ticket", "Subscription", "Report", "Inventory", "Cart", "Wishlist", "Notification", "Audit", "Refund",
        "Address", "Carrier", "Discount", "Return", "Vendor", "Budget", "Campaign", "Lead", "Contract", "Asset",
    ];

    /// <summary>The name stem of the unit with this index.</summary>
    public static string NameFor(int index) => Nouns[index % Nouns.Length] + (index / Nouns.Length + 1);
}
