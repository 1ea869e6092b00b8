using System.Collections.Immutable;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>Locations, exemptions and diagnostic properties shared by the CIP0001-CIP0003 analyzers.</summary>
internal static class ReadReporting
{
    public const string NoResolver = "The ClientIp resolver (ClientIp.ClientIpHttpContextExtensions) is not referenced by this project.";
    public const string NoHttpContext = "No HttpContext or HttpRequest is reachable from this expression to call GetClientIpAddress() on.";
    public const string NotAspNetCore = "The resolver works on ASP.NET Core's HttpContext; this read is from another HTTP stack.";
    public const string AllEntries = "Every entry of the header is used, which a single resolved address cannot replace.";
    public const string NotOneValue = "The read does not yield one header value (TryGetValue's bool and out variable, or an array or list of entries), so one resolved address cannot stand in for it.";
    public const string BoundParameter = "The header is bound to a parameter before the method runs; take HttpContext and call GetClientIpAddress() instead.";

    /// <summary>
    /// The syntax of an operation, widened for <c>?.</c>: an operation whose syntax starts with a member binding
    /// (<c>.Connection.RemoteIpAddress</c> in <c>ctx?.Connection.RemoteIpAddress</c>) is reported on the enclosing
    /// conditional access (<c>ctx?.Connection.RemoteIpAddress</c>), outermost when several are nested, so the span
    /// always starts at the receiver the reader sees.
    /// </summary>
    public static Location LocationOf(SyntaxNode syntax)
    {
        var leftmost = syntax;
        while (true)
        {
            var next = leftmost switch
            {
                MemberAccessExpressionSyntax m => m.Expression,
                ElementAccessExpressionSyntax e => e.Expression,
                InvocationExpressionSyntax i => i.Expression,
                _ => null,
            };
            if (next is null)
            {
                break;
            }

            leftmost = next;
        }

        if (leftmost is not (MemberBindingExpressionSyntax or ElementBindingExpressionSyntax))
        {
            return syntax.GetLocation();
        }

        SyntaxNode node = syntax;
        ConditionalAccessExpressionSyntax? enclosing = null;
        for (var parent = node.Parent; parent is ConditionalAccessExpressionSyntax or MemberAccessExpressionSyntax or
                 ElementAccessExpressionSyntax or InvocationExpressionSyntax; node = parent, parent = parent.Parent)
        {
            if (parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == node)
            {
                enclosing = access;
            }
        }

        return (enclosing ?? syntax).GetLocation();
    }

    /// <summary>
    /// Whether an <c>HttpContext</c> or <c>HttpRequest</c> expression appears in the receiver chain, i.e. whether a
    /// rewrite to <c>httpContext.GetClientIpAddress()</c> has a context to call it on.
    /// </summary>
    public static bool ReachesHttpContext(IOperation? operation, AspNetCoreSymbols symbols)
    {
        for (var i = 0; operation is not null && i < 12; i++)
        {
            if (AspNetCoreSymbols.InheritsFrom(operation.Type, symbols.HttpContext) ||
                AspNetCoreSymbols.InheritsFrom(operation.Type, symbols.HttpRequest))
            {
                return true;
            }

            operation = operation switch
            {
                IConversionOperation c => c.Operand,
                IPropertyReferenceOperation p => p.Instance,
                IFieldReferenceOperation f => f.Instance,
                IInvocationOperation inv => OperationWalk.Receiver(inv),
                IConditionalAccessInstanceOperation ci => OperationWalk.Owner(ci)?.Operation,
                _ => null,
            };
        }

        return false;
    }

    public static ImmutableDictionary<string, string?> Properties(string? headerName, string? noFixReason)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        if (headerName is not null)
        {
            builder.Add(DiagnosticProperties.HeaderName, headerName);
        }

        builder.Add(DiagnosticProperties.Fixable, noFixReason is null ? "true" : "false");
        if (noFixReason is not null)
        {
            builder.Add(DiagnosticProperties.NoFixReason, noFixReason);
        }

        return builder.ToImmutable();
    }

    /// <summary>Code of the ClientIp library itself (namespace <c>ClientIp</c> or <c>ClientIp.*</c>) is the resolver: never report in it.</summary>
    public static bool IsInClientIpLibrary(ISymbol? symbol) => ClientIpLibrary.IsInClientIpLibrary(symbol);

    public static bool IsClientIpLibrary(Compilation compilation) => ClientIpLibrary.IsClientIpLibrary(compilation);
}
