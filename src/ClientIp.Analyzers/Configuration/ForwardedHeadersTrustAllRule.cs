using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// CIP0004: forwarded-header options that trust every peer as a proxy. Three shapes:
/// <list type="bullet">
/// <item><c>KnownProxies.Clear()</c> with <c>KnownNetworks.Clear()</c> / <c>KnownIPNetworks.Clear()</c> on the same
/// options object, nothing added back, and X-Forwarded-For not explicitly disabled (reported at the first Clear call);</item>
/// <item>a <c>0.0.0.0/0</c> or <c>::/0</c> network added to the known networks or to ClientIp's trusted proxies
/// (reported at the network's construction);</item>
/// <item>the ClientIp library's trust-everyone opt-in (reported at the assignment or call).</item>
/// </list>
/// "Same options object" means the same local, parameter, field or property inside one lambda, local function or
/// method body; options spread over several methods are not correlated.
/// Run by <see cref="ClientIpAnalyzer"/>, which hands it the operations its name tables list.
/// </summary>
public static class ForwardedHeadersTrustAllRule
{
    /// <summary>Property telling the code fix which shape was found.</summary>
    public const string ShapeProperty = "Shape";

    /// <summary><see cref="ShapeProperty"/> value: both known lists are cleared.</summary>
    public const string ClearedListsShape = "ClearedLists";

    /// <summary><see cref="ShapeProperty"/> value: a network covering every address is added.</summary>
    public const string AllNetworkShape = "AllNetwork";

    /// <summary><see cref="ShapeProperty"/> value: the ClientIp library's trust-everyone opt-in.</summary>
    public const string OptInShape = "OptIn";

    /// <summary>The ClientIp library's trust-every-peer opt-in (a property or a method) on <c>ClientIp.ClientIpOptions</c>.</summary>
    internal const string ClientIpTrustAllMemberName = "UnsafeTrustEveryPeer";

    /// <summary>The only calls <see cref="AnalyzeInvocation"/> looks at, by name (the analyzer hands it no other).</summary>
    internal static readonly string[] InvocationNames = { "Clear", "Add", "Insert", ClientIpTrustAllMemberName };

    /// <summary>The only property <see cref="AnalyzeOptInTarget"/> looks at.</summary>
    internal static readonly string[] PropertyNames = { ClientIpTrustAllMemberName };

    /// <summary>
    /// What a file with a finding mentions: the opt-in, or the list a Clear/Add/Insert is called on (<c>KnownProxies</c>,
    /// <c>KnownNetworks</c>, <c>KnownIPNetworks</c>: "Known"; ClientIp's <c>TrustedProxies</c>).
    /// </summary>
    internal static readonly string[] TextWitnesses = { ClientIpTrustAllMemberName, "Known", "TrustedProxies" };

    private const int XForwardedForFlag = 1;

    /// <summary>Whether the rule has anything to look for: ASP.NET Core's or the ClientIp library's forwarding options.</summary>
    internal static bool Applies(WellKnownSymbols symbols) => symbols.HasForwardedHeadersOptions;

    /// <summary>The opt-in is a property, so assignments to it must be looked at too (else only calls).</summary>
    internal static bool NeedsAssignments(WellKnownSymbols symbols) => symbols.Get(WellKnownMember.ClientIpOptions_UnsafeTrustEveryPeer) is IPropertySymbol;

    internal static void AnalyzeInvocation(in OperationAnalysisContext context, WellKnownSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        // The operation's arguments, not the method's parameters: the public symbol model builds a new parameter array
        // on every call, and this runs on every call in the project (an invocation has one argument per parameter).
        switch (method.Name)
        {
            case "Clear" when invocation.Arguments.Length == 0:
                AnalyzeClear(context, invocation, symbols);
                break;
            case "Add" when invocation.Arguments.Length == 1:
            case "Insert" when invocation.Arguments.Length == 2:
                AnalyzeAddition(context, invocation, symbols);
                break;
            // Name first: every other call in the project ends here.
            case ClientIpTrustAllMemberName:
                if (symbols.Get(WellKnownMember.ClientIpOptions_UnsafeTrustEveryPeer) is IMethodSymbol optIn && symbols.Is(method.ReducedFrom ?? method, WellKnownMember.ClientIpOptions_UnsafeTrustEveryPeer))
                {
                    Report(context, invocation.Syntax.GetLocation(), OptInShape, $"'{optIn.Name}()' is called");
                }

                break;
        }
    }

    /// <summary>
    /// <c>options.UnsafeTrustEveryPeer = true</c> (or in an object initializer), seen from the property reference that is
    /// the assignment's target: reported at the assignment.
    /// </summary>
    internal static void AnalyzeOptInTarget(in OperationAnalysisContext context, WellKnownSymbols symbols)
    {
        var target = (IPropertyReferenceOperation)context.Operation;
        if (target.Property.Name == ClientIpTrustAllMemberName
            && target.Parent is ISimpleAssignmentOperation assignment && assignment.Target == target
            && symbols.Is(target.Property, WellKnownMember.ClientIpOptions_UnsafeTrustEveryPeer)
            && assignment.Value.ConstantValue is { HasValue: true, Value: true })
        {
            Report(context, assignment.Syntax.GetLocation(), OptInShape, $"'{target.Property.Name}' is set to true");
        }
    }

    // Reported once per options object, from (and at) its first Clear() call, so the diagnostic stays local to the
    // operation being analyzed.
    private static void AnalyzeClear(OperationAnalysisContext context, IInvocationOperation clear, WellKnownSymbols symbols)
    {
        if (clear.Instance is not IPropertyReferenceOperation { Property: var list } listReference
            || !symbols.IsKnownList(list)
            || OptionsKey(listReference.Instance) is not { } key)
        {
            return;
        }

        var scope = OperationWalk.EnclosingFunction(clear);
        IInvocationOperation? firstProxiesClear = null;
        var networkClears = new List<IInvocationOperation>();
        var additions = new List<IInvocationOperation>();
        var forwardedHeadersValues = new List<IOperation>();
        foreach (var operation in scope.Descendants())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvocationOperation { Instance: IPropertyReferenceOperation reference } call
                    when symbols.IsKnownList(reference.Property) && SameKey(OptionsKey(reference.Instance), key):
                    if (call.TargetMethod.Name == "Clear" && call.TargetMethod.Parameters.Length == 0)
                    {
                        if (symbols.Is(reference.Property, WellKnownMember.ForwardedHeadersOptions_KnownProxies))
                        {
                            firstProxiesClear ??= call;
                        }
                        else
                        {
                            networkClears.Add(call);
                        }
                    }
                    else if (call.TargetMethod.Name is "Add" or "Insert")
                    {
                        additions.Add(call);
                    }

                    break;
                case IAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    when symbols.Is(target.Property, WellKnownMember.ForwardedHeadersOptions_ForwardedHeaders) && SameKey(OptionsKey(target.Instance), key):
                    forwardedHeadersValues.Add(assignment.Value);
                    break;
                case IInvocationOperation handedOver when HandsOverOptions(handedOver, key, symbols):
                    // AddTrustedProxies(options, configuration): a method of the app given the options may add proxies back.
                    additions.Add(handedOver);
                    break;
            }
        }

        if (firstProxiesClear is null || networkClears.Count == 0)
        {
            return;
        }

        // Reported from the first of the Clear() calls (no LINQ sort by an int key: JIT-compiled in every fresh compiler).
        var firstClearStart = firstProxiesClear.Syntax.SpanStart;
        foreach (var networkClear in networkClears)
        {
            firstClearStart = Math.Min(firstClearStart, networkClear.Syntax.SpanStart);
        }

        if (clear.Syntax.SpanStart != firstClearStart)
        {
            return;
        }

        if (additions.Any(a => a.Syntax.SpanStart > firstClearStart) || XForwardedForExplicitlyDisabled(forwardedHeadersValues))
        {
            return;
        }

        var networkNames = string.Join("' and '", networkClears.Select(c => ((IPropertyReferenceOperation)c.Instance!).Property.Name).Distinct());
        // The fix finds the sibling Clear() calls itself; additional locations would burden every test's markup.
        Report(context, clear.Syntax.GetLocation(), ClearedListsShape, $"'KnownProxies' and '{networkNames}' are cleared and nothing is added back");
    }

    /// <summary>A call to a method of this compilation that is given the options object or one of its known lists.</summary>
    private static bool HandsOverOptions(IInvocationOperation invocation, object key, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (method.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = OperationWalk.SkipConversions(argument.Value);
            if (SameKey(OptionsKey(value), key) ||
                (value is IPropertyReferenceOperation list && symbols.IsKnownList(list.Property) && SameKey(OptionsKey(list.Instance), key)))
            {
                return true;
            }
        }

        return false;
    }

    // Every assignment sets a constant without the XForwardedFor bit: the middleware ignores X-Forwarded-For then.
    private static bool XForwardedForExplicitlyDisabled(List<IOperation> values) =>
        values.Count > 0 && values.All(v => v.ConstantValue is { HasValue: true, Value: { } flags } && Flags(flags) is { } bits && (bits & XForwardedForFlag) == 0);

    // Never Convert.ToInt64: broken code can carry constants of any type, and an analyzer must not throw.
    private static long? Flags(object value) => value switch
    {
        int i => i,
        long l => l,
        uint u => u,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        _ => null,
    };

    private static void AnalyzeAddition(OperationAnalysisContext context, IInvocationOperation addition, WellKnownSymbols symbols)
    {
        if (CollectionProperty(addition.Instance) is not { } collection || addition.Arguments.Length == 0)
        {
            return;
        }

        var item = addition.Arguments[addition.Arguments.Length - 1].Value;
        if (symbols.IsNetworkList(collection))
        {
            if (FindAllNetwork(item, OperationWalk.Root(addition), symbols, depth: 0) is { } found)
            {
                Report(context, found.Construction.Syntax.GetLocation(), AllNetworkShape,
                    $"The network '{found.Cidr}' is added to '{collection.Name}'");
            }
        }
        else if (collection.Name == "TrustedProxies" && symbols.Is(collection, WellKnownMember.ClientIpOptions_TrustedProxies)
                 && OperationWalk.SkipConversions(item)?.ConstantValue is { HasValue: true, Value: string text }
                 && AllNetworkCidr(text) is { } cidr)
        {
            Report(context, item.Syntax.GetLocation(), AllNetworkShape, $"The network '{cidr}' is added to '{collection.Name}'");
        }
    }

    private static (IOperation Construction, string Cidr)? FindAllNetwork(IOperation item, IOperation scope, WellKnownSymbols symbols, int depth)
    {
        var value = OperationWalk.SkipConversions(item);
        switch (value)
        {
            case IObjectCreationOperation creation
                when symbols.IsNetworkType(creation.Type) && creation.Arguments.Length == 2
                     && OperationWalk.SkipConversions(creation.Arguments[1].Value)?.ConstantValue is { HasValue: true, Value: 0 }:
                return (creation, IsIPv6(creation.Arguments[0].Value, symbols) ? "::/0" : "0.0.0.0/0");
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Parse" } parse } invocation
                when symbols.IsNetworkType(parse.ContainingType) && invocation.Arguments.Length >= 1
                     && OperationWalk.SkipConversions(invocation.Arguments[0].Value)?.ConstantValue is { HasValue: true, Value: string text }
                     && AllNetworkCidr(text) is { } cidr:
                return (invocation, cidr);
            case ILocalReferenceOperation local when depth < 3:
                var declarator = scope.Descendants().OfType<IVariableDeclaratorOperation>()
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
                var initializer = declarator?.Initializer?.Value;
                return initializer is null ? null : FindAllNetwork(initializer, scope, symbols, depth + 1);
            default:
                return null;
        }
    }

    private static bool IsIPv6(IOperation address, WellKnownSymbols symbols) => OperationWalk.SkipConversions(address) switch
    {
        IFieldReferenceOperation field => symbols.Is(field.Field.ContainingType, WellKnownType.System_Net_IPAddress)
                                           && field.Field.Name.StartsWith("IPv6", StringComparison.Ordinal),
        IInvocationOperation { Arguments.Length: >= 1 } call =>
            OperationWalk.SkipConversions(call.Arguments[0].Value)?.ConstantValue is { HasValue: true, Value: string text } && text.IndexOf(':') >= 0,
        _ => false,
    };

    /// <summary>"0.0.0.0/0" or "::/0" (any spelling with a /0 prefix), else null.</summary>
    internal static string? AllNetworkCidr(string text)
    {
        var trimmed = text.Trim();
        var slash = trimmed.LastIndexOf('/');
        if (slash <= 0 || trimmed.Substring(slash + 1).Trim() != "0")
        {
            return null;
        }

        return trimmed.Substring(0, slash).IndexOf(':') >= 0 ? "::/0" : "0.0.0.0/0";
    }

    // The list an Add/Insert goes to: `x.KnownIPNetworks.Add(...)` or `KnownIPNetworks = { ... }` in an initializer.
    private static IPropertySymbol? CollectionProperty(IOperation? instance) => instance switch
    {
        IPropertyReferenceOperation reference => reference.Property,
        IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver
            when receiver.Parent?.Parent is IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } } =>
            member.Property,
        _ => null,
    };

    /// <summary>
    /// Identifies an options object within one scope: the local, parameter, field or property holding it, the object
    /// being initialized, or the enclosing instance. Null when it cannot be named (e.g. a method's return value).
    /// </summary>
    private static object? OptionsKey(IOperation? instance)
    {
        switch (instance is null ? null : OperationWalk.SkipConversions(instance))
        {
            case ILocalReferenceOperation local:
                return local.Local;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter;
            case IFieldReferenceOperation field:
                return field.Field;
            case IPropertyReferenceOperation property:
                return property.Property;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                return InitializedObjectKey(receiver);
            case IInstanceReferenceOperation receiver:
                return receiver.Type;
            default:
                return null;
        }
    }

    // `var o = new ForwardedHeadersOptions { ForwardedHeaders = ... }` belongs to the local `o`.
    private static object? InitializedObjectKey(IOperation receiver)
    {
        for (var current = receiver.Parent; current is not null; current = current.Parent)
        {
            if (current is IObjectCreationOperation creation)
            {
                return creation.Parent switch
                {
                    IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                    ISimpleAssignmentOperation { Target: var target } => OptionsKey(target),
                    _ => creation,
                };
            }
        }

        return null;
    }

    private static bool SameKey(object? a, object? b) => a switch
    {
        null => false,
        ISymbol symbol => b is ISymbol other && SymbolEqualityComparer.Default.Equals(symbol, other),
        _ => ReferenceEquals(a, b),
    };

    private static void Report(OperationAnalysisContext context, Location location, string shape, string what)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, shape);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CIP0004, location, properties, what));
    }
}
