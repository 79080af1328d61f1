export const id = 222;
export const ids = [222];
export const modules = {

/***/ 63222:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(90402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createWaiter, checkExceptions, WaiterState, createAggregatedClient } = __webpack_require__(92658);
const { Command: $Command } = __webpack_require__(92658);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(47291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(62085);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(93422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(23609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(26890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(97523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(92430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(61279);
const { AwsRestJsonProtocol } = __webpack_require__(37288);
const { Sha256 } = __webpack_require__(99542);

const defaultInspector2HttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "inspector2",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultInspector2HttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "inspector2",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1084.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://inspector2-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://inspector2-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://inspector2.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://inspector2.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class Inspector2ServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, Inspector2ServiceException.prototype);
    }
}

class AccessDeniedException extends Inspector2ServiceException {
    name = "AccessDeniedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
    }
}
class InternalServerException extends Inspector2ServiceException {
    name = "InternalServerException";
    $fault = "server";
    $retryable = {};
    retryAfterSeconds;
    constructor(opts) {
        super({
            name: "InternalServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServerException.prototype);
        this.retryAfterSeconds = opts.retryAfterSeconds;
    }
}
class ServiceQuotaExceededException extends Inspector2ServiceException {
    name = "ServiceQuotaExceededException";
    $fault = "client";
    resourceId;
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
        this.resourceId = opts.resourceId;
    }
}
class ThrottlingException extends Inspector2ServiceException {
    name = "ThrottlingException";
    $fault = "client";
    $retryable = {
        throttling: true,
    };
    retryAfterSeconds;
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
        this.retryAfterSeconds = opts.retryAfterSeconds;
    }
}
class ValidationException extends Inspector2ServiceException {
    name = "ValidationException";
    $fault = "client";
    reason;
    fields;
    constructor(opts) {
        super({
            name: "ValidationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ValidationException.prototype);
        this.reason = opts.reason;
        this.fields = opts.fields;
    }
}
class BadRequestException extends Inspector2ServiceException {
    name = "BadRequestException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BadRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BadRequestException.prototype);
    }
}
class ConflictException extends Inspector2ServiceException {
    name = "ConflictException";
    $fault = "client";
    resourceId;
    resourceType;
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
        this.resourceId = opts.resourceId;
        this.resourceType = opts.resourceType;
    }
}
class ResourceNotFoundException extends Inspector2ServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
    }
}

const _A = "Account";
const _AA = "AccountAggregation";
const _AAR = "AccountAggregationResponse";
const _AARm = "AmiAggregationResponse";
const _AAm = "AmiAggregation";
const _ACCAF = "AwsConfigConnectorArnFilter";
const _ACCAFL = "AwsConfigConnectorArnFilterList";
const _ACR = "AssociateConfigurationRequest";
const _ACRL = "AssociateConfigurationRequestList";
const _AD = "AtigData";
const _ADE = "AccessDeniedException";
const _AE = "AutoEnable";
const _AECA = "AwsEcrContainerAggregation";
const _AECAR = "AwsEcrContainerAggregationResponse";
const _AECID = "AwsEcrContainerImageDetails";
const _AEID = "AwsEc2InstanceDetails";
const _AEMD = "AwsEcsMetadataDetails";
const _AEMDw = "AwsEksMetadataDetails";
const _AEWI = "AwsEksWorkloadInfo";
const _AEWIL = "AwsEksWorkloadInfoList";
const _AIFL = "AccountIdFilterList";
const _AL = "AccountList";
const _ALFD = "AwsLambdaFunctionDetails";
const _AM = "AssociateMember";
const _AMR = "AssociateMemberRequest";
const _AMRs = "AssociateMemberResponse";
const _APDC = "AzureProviderDetailCreate";
const _APDU = "AzureProviderDetailUpdate";
const _AR = "AggregationRequest";
const _ARL = "AggregationResponseList";
const _ARg = "AggregationResponse";
const _AS = "AccountState";
const _ASC = "AzureScopeConfiguration";
const _ASCI = "AzureScopeConfigurationInput";
const _ASL = "AccountStateList";
const _AU = "AuthorizationUrl";
const _BACSSC = "BatchAssociateCodeSecurityScanConfiguration";
const _BACSSCR = "BatchAssociateCodeSecurityScanConfigurationRequest";
const _BACSSCRa = "BatchAssociateCodeSecurityScanConfigurationResponse";
const _BDCSSC = "BatchDisassociateCodeSecurityScanConfiguration";
const _BDCSSCR = "BatchDisassociateCodeSecurityScanConfigurationRequest";
const _BDCSSCRa = "BatchDisassociateCodeSecurityScanConfigurationResponse";
const _BGAS = "BatchGetAccountStatus";
const _BGASR = "BatchGetAccountStatusRequest";
const _BGASRa = "BatchGetAccountStatusResponse";
const _BGCS = "BatchGetCodeSnippet";
const _BGCSR = "BatchGetCodeSnippetRequest";
const _BGCSRa = "BatchGetCodeSnippetResponse";
const _BGFD = "BatchGetFindingDetails";
const _BGFDR = "BatchGetFindingDetailsRequest";
const _BGFDRa = "BatchGetFindingDetailsResponse";
const _BGFTI = "BatchGetFreeTrialInfo";
const _BGFTIR = "BatchGetFreeTrialInfoRequest";
const _BGFTIRa = "BatchGetFreeTrialInfoResponse";
const _BGMEDIS = "BatchGetMemberEc2DeepInspectionStatus";
const _BGMEDISR = "BatchGetMemberEc2DeepInspectionStatusRequest";
const _BGMEDISRa = "BatchGetMemberEc2DeepInspectionStatusResponse";
const _BRE = "BadRequestException";
const _BUMEDIS = "BatchUpdateMemberEc2DeepInspectionStatus";
const _BUMEDISR = "BatchUpdateMemberEc2DeepInspectionStatusRequest";
const _BUMEDISRa = "BatchUpdateMemberEc2DeepInspectionStatusResponse";
const _C = "Connector";
const _CAF = "ConnectorArnFilter";
const _CAFL = "ConnectorArnFilterList";
const _CC = "CreateConnector";
const _CCA = "CisCheckAggregation";
const _CCAL = "CisCheckAggregationList";
const _CCISC = "ConnectorContainerImageScanConfiguration";
const _CCR = "CreateConnectorRequest";
const _CCRr = "CreateConnectorResponse";
const _CCSC = "CreateCisScanConfiguration";
const _CCSCR = "CreateCisScanConfigurationRequest";
const _CCSCRr = "CreateCisScanConfigurationResponse";
const _CCSI = "CreateCodeSecurityIntegration";
const _CCSIR = "CreateCodeSecurityIntegrationRequest";
const _CCSIRr = "CreateCodeSecurityIntegrationResponse";
const _CCSSC = "CreateCodeSecurityScanConfiguration";
const _CCSSCR = "CreateCodeSecurityScanConfigurationRequest";
const _CCSSCRr = "CreateCodeSecurityScanConfigurationResponse";
const _CCT = "CreateCisTargets";
const _CD = "CisaData";
const _CDF = "CisDateFilter";
const _CDFL = "CoverageDateFilterList";
const _CDFo = "CoverageDateFilter";
const _CDL = "ClusterDetailsList";
const _CDl = "ClusterDetails";
const _CE = "ConflictException";
const _CF = "CreateFilter";
const _CFAFL = "CisFindingArnFilterList";
const _CFC = "ConnectorFilterCriteria";
const _CFCo = "CoverageFilterCriteria";
const _CFIFC = "ClusterForImageFilterCriteria";
const _CFP = "CodeFilePath";
const _CFR = "CreateFilterRequest";
const _CFRR = "CancelFindingsReportRequest";
const _CFRRa = "CancelFindingsReportResponse";
const _CFRRr = "CreateFindingsReportRequest";
const _CFRRre = "CreateFindingsReportResponse";
const _CFRa = "CancelFindingsReport";
const _CFRr = "CreateFilterResponse";
const _CFRre = "CreateFindingsReport";
const _CFSF = "CisFindingStatusFilter";
const _CFSFL = "CisFindingStatusFilterList";
const _CGLSMID = "CreateGitLabSelfManagedIntegrationDetail";
const _CH = "ConnectorHealth";
const _CI = "ClusterInformation";
const _CIA = "ContainerImageAggregation";
const _CIAR = "ContainerImageAggregationResponse";
const _CID = "CreateIntegrationDetail";
const _CIFL = "CheckIdFilterList";
const _CIL = "ClusterInformationList";
const _CIM = "ContainerImageMetadata";
const _CISC = "ContinuousIntegrationScanConfiguration";
const _CL = "CodeLine";
const _CLL = "CodeLineList";
const _CLo = "ConnectorList";
const _CLou = "CountsList";
const _CM = "ClusterMetadata";
const _CMF = "CoverageMapFilter";
const _CMFL = "CoverageMapFilterList";
const _CNF = "CisNumberFilter";
const _CNFL = "CisNumberFilterList";
const _CNFLo = "CoverageNumberFilterList";
const _CNFo = "CoverageNumberFilter";
const _CNT = "ConnectorNextToken";
const _CP = "ComputePlatform";
const _CR = "CoveredResource";
const _CRA = "CodeRepositoryAggregation";
const _CRAR = "CodeRepositoryAggregationResponse";
const _CRD = "CodeRepositoryDetails";
const _CRM = "CodeRepositoryMetadata";
const _CRMo = "ContainerRegistryMetadata";
const _CRMon = "ContainerRepositoryMetadata";
const _CRODS = "CodeRepositoryOnDemandScan";
const _CRSF = "CisResultStatusFilter";
const _CRSFL = "CisResultStatusFilterList";
const _CRo = "CoveredResources";
const _CS = "CisScan";
const _CSA = "CvssScoreAdjustment";
const _CSAFL = "CisScanArnFilterList";
const _CSAL = "CvssScoreAdjustmentList";
const _CSBFL = "CisScheduledByFilterList";
const _CSC = "CisScanConfiguration";
const _CSCAFL = "CisScanConfigurationArnFilterList";
const _CSCI = "ConnectorScanConfigurationItem";
const _CSCIL = "ConnectorScanConfigurationItemList";
const _CSCL = "CisScanConfigurationList";
const _CSCo = "ConnectorScanConfiguration";
const _CSD = "CvssScoreDetails";
const _CSDFL = "CisScanDateFilterList";
const _CSE = "CodeSnippetError";
const _CSEL = "CodeSnippetErrorList";
const _CSER = "CancelSbomExportRequest";
const _CSERa = "CancelSbomExportResponse";
const _CSERr = "CreateSbomExportRequest";
const _CSERre = "CreateSbomExportResponse";
const _CSEa = "CancelSbomExport";
const _CSEr = "CreateSbomExport";
const _CSF = "CisStringFilter";
const _CSFL = "CoverageStringFilterList";
const _CSFo = "CoverageStringFilter";
const _CSIS = "CodeSecurityIntegrationSummary";
const _CSL = "CisScanList";
const _CSLF = "CisSecurityLevelFilter";
const _CSLFL = "CisSecurityLevelFilterList";
const _CSLv = "CvssScoreList";
const _CSM = "CisSessionMessage";
const _CSMi = "CisSessionMessages";
const _CSNFL = "CisScanNameFilterList";
const _CSR = "CodeSnippetResult";
const _CSRABCFC = "CisScanResultsAggregatedByChecksFilterCriteria";
const _CSRABTRFC = "CisScanResultsAggregatedByTargetResourceFilterCriteria";
const _CSRD = "CisScanResultDetails";
const _CSRDFC = "CisScanResultDetailsFilterCriteria";
const _CSRDL = "CisScanResultDetailsList";
const _CSRL = "CodeSnippetResultList";
const _CSRo = "CodeSecurityResource";
const _CSSC = "CodeSecurityScanConfiguration";
const _CSSCAS = "CodeSecurityScanConfigurationAssociationSummary";
const _CSSCASo = "CodeSecurityScanConfigurationAssociationSummaries";
const _CSSCS = "CodeSecurityScanConfigurationSummary";
const _CSSCSo = "CodeSecurityScanConfigurationSummaries";
const _CSSF = "CisScanStatusFilter";
const _CSSFL = "CisScanStatusFilterList";
const _CSv = "CvssScore";
const _CT = "CisTargets";
const _CTF = "ConnectorTypeFilter";
const _CTFL = "ConnectorTypeFilterList";
const _CTRA = "CisTargetResourceAggregation";
const _CTRAL = "CisTargetResourceAggregationList";
const _CTSF = "CisTargetStatusFilter";
const _CTSRF = "CisTargetStatusReasonFilter";
const _CVD = "CodeVulnerabilityDetails";
const _Co = "Counts";
const _Cv = "Cvss2";
const _Cvs = "Cvss3";
const _Cvss = "Cvss4";
const _D = "Destination";
const _DA = "DelegatedAdmin";
const _DAA = "DelegatedAdminAccount";
const _DAAL = "DelegatedAdminAccountList";
const _DC = "DeleteConnector";
const _DCR = "DeleteConnectorRequest";
const _DCRL = "DisassociateConfigurationRequestList";
const _DCRe = "DeleteConnectorResponse";
const _DCRi = "DisassociateConfigurationRequest";
const _DCSC = "DeleteCisScanConfiguration";
const _DCSCR = "DeleteCisScanConfigurationRequest";
const _DCSCRe = "DeleteCisScanConfigurationResponse";
const _DCSI = "DeleteCodeSecurityIntegration";
const _DCSIR = "DeleteCodeSecurityIntegrationRequest";
const _DCSIRe = "DeleteCodeSecurityIntegrationResponse";
const _DCSSC = "DeleteCodeSecurityScanConfiguration";
const _DCSSCR = "DeleteCodeSecurityScanConfigurationRequest";
const _DCSSCRe = "DeleteCodeSecurityScanConfigurationResponse";
const _DDAA = "DisableDelegatedAdminAccount";
const _DDAAR = "DisableDelegatedAdminAccountRequest";
const _DDAARi = "DisableDelegatedAdminAccountResponse";
const _DF = "DateFilter";
const _DFL = "DateFilterList";
const _DFR = "DeleteFilterRequest";
const _DFRe = "DeleteFilterResponse";
const _DFe = "DeleteFilter";
const _DM = "DisassociateMember";
const _DMR = "DisassociateMemberRequest";
const _DMRi = "DisassociateMemberResponse";
const _DOC = "DescribeOrganizationConfiguration";
const _DOCR = "DescribeOrganizationConfigurationRequest";
const _DOCRe = "DescribeOrganizationConfigurationResponse";
const _DR = "DisableRequest";
const _DRi = "DisableResponse";
const _DS = "DailySchedule";
const _Di = "Disable";
const _E = "Epss";
const _EC = "Ec2Configuration";
const _ECIM = "EcrContainerImageMetadata";
const _ECS = "Ec2ConfigurationState";
const _ECSc = "EcrConfigurationState";
const _ECc = "EcrConfiguration";
const _ED = "EpssDetails";
const _EDAA = "EnableDelegatedAdminAccount";
const _EDAAR = "EnableDelegatedAdminAccountRequest";
const _EDAARn = "EnableDelegatedAdminAccountResponse";
const _EDx = "ExploitabilityDetails";
const _EIA = "Ec2InstanceAggregation";
const _EIAR = "Ec2InstanceAggregationResponse";
const _EL = "EvidenceList";
const _EM = "Ec2Metadata";
const _EO = "ExploitObserved";
const _ER = "EnableRequest";
const _ERDS = "EcrRescanDurationState";
const _ERM = "EcrRepositoryMetadata";
const _ERn = "EnableResponse";
const _ESMS = "Ec2ScanModeState";
const _En = "Enable";
const _Ev = "Evidence";
const _F = "Filter";
const _FA = "FailedAccount";
const _FAL = "FailedAccountList";
const _FAR = "FailedAssociationResult";
const _FARL = "FailedAssociationResultList";
const _FC = "FilterCriteria";
const _FD = "FindingDetail";
const _FDE = "FindingDetailsError";
const _FDEL = "FindingDetailsErrorList";
const _FDi = "FindingDetails";
const _FL = "FilterList";
const _FLi = "FindingList";
const _FMAEDISS = "FailedMemberAccountEc2DeepInspectionStatusState";
const _FMAEDISSL = "FailedMemberAccountEc2DeepInspectionStatusStateList";
const _FTA = "FindingTypeAggregation";
const _FTAI = "FreeTrialAccountInfo";
const _FTAIL = "FreeTrialAccountInfoList";
const _FTAR = "FindingTypeAggregationResponse";
const _FTI = "FreeTrialInfo";
const _FTIE = "FreeTrialInfoError";
const _FTIEL = "FreeTrialInfoErrorList";
const _FTIL = "FreeTrialInfoList";
const _Fi = "Finding";
const _GC = "GetConfiguration";
const _GCFI = "GetClustersForImage";
const _GCFIR = "GetClustersForImageRequest";
const _GCFIRe = "GetClustersForImageResponse";
const _GCR = "GetConfigurationRequest";
const _GCRe = "GetConfigurationResponse";
const _GCSI = "GetCodeSecurityIntegration";
const _GCSIR = "GetCodeSecurityIntegrationRequest";
const _GCSIRe = "GetCodeSecurityIntegrationResponse";
const _GCSR = "GetCisScanReport";
const _GCSRD = "GetCisScanResultDetails";
const _GCSRDR = "GetCisScanResultDetailsRequest";
const _GCSRDRe = "GetCisScanResultDetailsResponse";
const _GCSRR = "GetCisScanReportRequest";
const _GCSRRe = "GetCisScanReportResponse";
const _GCSS = "GetCodeSecurityScan";
const _GCSSC = "GetCodeSecurityScanConfiguration";
const _GCSSCR = "GetCodeSecurityScanConfigurationRequest";
const _GCSSCRe = "GetCodeSecurityScanConfigurationResponse";
const _GCSSR = "GetCodeSecurityScanRequest";
const _GCSSRe = "GetCodeSecurityScanResponse";
const _GDAA = "GetDelegatedAdminAccount";
const _GDAAR = "GetDelegatedAdminAccountRequest";
const _GDAARe = "GetDelegatedAdminAccountResponse";
const _GEDIC = "GetEc2DeepInspectionConfiguration";
const _GEDICR = "GetEc2DeepInspectionConfigurationRequest";
const _GEDICRe = "GetEc2DeepInspectionConfigurationResponse";
const _GEK = "GetEncryptionKey";
const _GEKR = "GetEncryptionKeyRequest";
const _GEKRe = "GetEncryptionKeyResponse";
const _GFRS = "GetFindingsReportStatus";
const _GFRSR = "GetFindingsReportStatusRequest";
const _GFRSRe = "GetFindingsReportStatusResponse";
const _GHAC = "GitHubAuthCode";
const _GLAC = "GitLabAuthCode";
const _GLAT = "GitLabAccessToken";
const _GM = "GetMember";
const _GMR = "GetMemberRequest";
const _GMRe = "GetMemberResponse";
const _GSE = "GetSbomExport";
const _GSER = "GetSbomExportRequest";
const _GSERe = "GetSbomExportResponse";
const _I = "Image";
const _ILA = "ImageLayerAggregation";
const _ILAR = "ImageLayerAggregationResponse";
const _IS = "IntegrationSummaries";
const _ISD = "InspectorScoreDetails";
const _ISE = "InternalServerException";
const _IU = "InstanceUrl";
const _LAP = "ListAccountPermissions";
const _LAPR = "ListAccountPermissionsRequest";
const _LAPRi = "ListAccountPermissionsResponse";
const _LC = "ListConnectors";
const _LCR = "ListConnectorsRequest";
const _LCRi = "ListConnectorsResponse";
const _LCRis = "ListCoverageRequest";
const _LCRist = "ListCoverageResponse";
const _LCS = "ListCisScans";
const _LCSC = "ListCisScanConfigurations";
const _LCSCFC = "ListCisScanConfigurationsFilterCriteria";
const _LCSCR = "ListCisScanConfigurationsRequest";
const _LCSCRi = "ListCisScanConfigurationsResponse";
const _LCSCRis = "ListConnectorScanConfigurationsRequest";
const _LCSCRist = "ListConnectorScanConfigurationsResponse";
const _LCSCi = "ListConnectorScanConfigurations";
const _LCSFC = "ListCisScansFilterCriteria";
const _LCSI = "ListCodeSecurityIntegrations";
const _LCSIR = "ListCodeSecurityIntegrationsRequest";
const _LCSIRi = "ListCodeSecurityIntegrationsResponse";
const _LCSR = "ListCisScansRequest";
const _LCSRABC = "ListCisScanResultsAggregatedByChecks";
const _LCSRABCR = "ListCisScanResultsAggregatedByChecksRequest";
const _LCSRABCRi = "ListCisScanResultsAggregatedByChecksResponse";
const _LCSRABTR = "ListCisScanResultsAggregatedByTargetResource";
const _LCSRABTRR = "ListCisScanResultsAggregatedByTargetResourceRequest";
const _LCSRABTRRi = "ListCisScanResultsAggregatedByTargetResourceResponse";
const _LCSRi = "ListCisScansResponse";
const _LCSRis = "ListCoverageStatisticsRequest";
const _LCSRist = "ListCoverageStatisticsResponse";
const _LCSSC = "ListCodeSecurityScanConfigurations";
const _LCSSCA = "ListCodeSecurityScanConfigurationAssociations";
const _LCSSCAR = "ListCodeSecurityScanConfigurationAssociationsRequest";
const _LCSSCARi = "ListCodeSecurityScanConfigurationAssociationsResponse";
const _LCSSCR = "ListCodeSecurityScanConfigurationsRequest";
const _LCSSCRi = "ListCodeSecurityScanConfigurationsResponse";
const _LCSi = "ListCoverageStatistics";
const _LCi = "ListCoverage";
const _LDAA = "ListDelegatedAdminAccounts";
const _LDAAR = "ListDelegatedAdminAccountsRequest";
const _LDAARi = "ListDelegatedAdminAccountsResponse";
const _LF = "ListFilters";
const _LFA = "LambdaFunctionAggregation";
const _LFAR = "LambdaFunctionAggregationResponse";
const _LFARi = "ListFindingAggregationsRequest";
const _LFARis = "ListFindingAggregationsResponse";
const _LFAi = "ListFindingAggregations";
const _LFM = "LambdaFunctionMetadata";
const _LFR = "ListFiltersRequest";
const _LFRi = "ListFiltersResponse";
const _LFRis = "ListFindingsRequest";
const _LFRist = "ListFindingsResponse";
const _LFi = "ListFindings";
const _LLA = "LambdaLayerAggregation";
const _LLAR = "LambdaLayerAggregationResponse";
const _LM = "ListMembers";
const _LMR = "ListMembersRequest";
const _LMRi = "ListMembersResponse";
const _LTFR = "ListTagsForResource";
const _LTFRR = "ListTagsForResourceRequest";
const _LTFRRi = "ListTagsForResourceResponse";
const _LUT = "ListUsageTotals";
const _LUTR = "ListUsageTotalsRequest";
const _LUTRi = "ListUsageTotalsResponse";
const _LVC = "LambdaVpcConfig";
const _M = "Member";
const _MAEDIS = "MemberAccountEc2DeepInspectionStatus";
const _MAEDISL = "MemberAccountEc2DeepInspectionStatusList";
const _MAEDISS = "MemberAccountEc2DeepInspectionStatusState";
const _MAEDISSL = "MemberAccountEc2DeepInspectionStatusStateList";
const _MF = "MapFilter";
const _MFL = "MapFilterList";
const _ML = "MemberList";
const _MS = "MonthlySchedule";
const _NF = "NumberFilter";
const _NFL = "NumberFilterList";
const _NP = "NetworkPath";
const _NRD = "NetworkReachabilityDetails";
const _OAIFL = "OneAccountIdFilterList";
const _OTS = "OneTimeSchedule";
const _P = "Permission";
const _PA = "PackageAggregation";
const _PAR = "PackageAggregationResponse";
const _PCISC = "ProjectContinuousIntegrationScanConfiguration";
const _PCISCL = "ProjectContinuousIntegrationScanConfigurationList";
const _PCSSC = "ProjectCodeSecurityScanConfiguration";
const _PDC = "ProviderDetailCreate";
const _PDU = "ProviderDetailUpdate";
const _PF = "PackageFilter";
const _PFL = "PackageFilterList";
const _PFLl = "PlatformFilterList";
const _PFLr = "ProviderFilterList";
const _PFr = "ProviderFilter";
const _PPSC = "ProjectPeriodicScanConfiguration";
const _PPSCL = "ProjectPeriodicScanConfigurationList";
const _PR = "PortRange";
const _PRF = "PortRangeFilter";
const _PRFL = "PortRangeFilterList";
const _PSC = "PeriodicScanConfiguration";
const _PVD = "PackageVulnerabilityDetails";
const _Pe = "Permissions";
const _R = "Recommendation";
const _RA = "Retry-After";
const _RAR = "RepositoryAggregationResponse";
const _RAe = "RepositoryAggregation";
const _RD = "ResourceDetails";
const _REK = "ResetEncryptionKey";
const _REKR = "ResetEncryptionKeyRequest";
const _REKRe = "ResetEncryptionKeyResponse";
const _RFC = "ResourceFilterCriteria";
const _RIFL = "ResourceIdFilterList";
const _RL = "ResourceList";
const _RMF = "ResourceMapFilter";
const _RMFL = "ResourceMapFilterList";
const _RNFE = "ResourceNotFoundException";
const _RS = "ResourceState";
const _RSF = "ResourceStringFilter";
const _RSFL = "ResourceStringFilterList";
const _RSM = "ResourceScanMetadata";
const _RSe = "ResourceStatus";
const _RTFL = "ResourceTagFilterList";
const _Re = "Remediation";
const _Res = "Resource";
const _S = "State";
const _SAR = "SuccessfulAssociationResult";
const _SARL = "SuccessfulAssociationResultList";
const _SC = "ScopeConfiguration";
const _SCI = "ScopeConfigurationInput";
const _SCMP = "StopCisMessageProgress";
const _SCS = "StartCisSession";
const _SCSH = "SendCisSessionHealth";
const _SCSHR = "SendCisSessionHealthRequest";
const _SCSHRe = "SendCisSessionHealthResponse";
const _SCSM = "StartCisSessionMessage";
const _SCSMt = "StopCisSessionMessage";
const _SCSR = "StartCisSessionRequest";
const _SCSRt = "StartCisSessionResponse";
const _SCSRto = "StopCisSessionRequest";
const _SCSRtop = "StopCisSessionResponse";
const _SCSS = "StartCodeSecurityScan";
const _SCSSR = "StartCodeSecurityScanRequest";
const _SCSSRt = "StartCodeSecurityScanResponse";
const _SCST = "SendCisSessionTelemetry";
const _SCSTR = "SendCisSessionTelemetryRequest";
const _SCSTRe = "SendCisSessionTelemetryResponse";
const _SCSt = "StopCisSession";
const _SCe = "SeverityCounts";
const _SCo = "SortCriteria";
const _SCt = "StatusCounts";
const _SF = "ServerlessFunction";
const _SFA = "ServerlessFunctionAggregation";
const _SFAR = "ServerlessFunctionAggregationResponse";
const _SFL = "StringFilterList";
const _SFM = "ServerlessFunctionMetadata";
const _SFt = "StringFilter";
const _SFu = "SuggestedFix";
const _SFug = "SuggestedFixes";
const _SL = "StepList";
const _SQEE = "ServiceQuotaExceededException";
const _SS = "ScanStatus";
const _SSc = "ScopeSettings";
const _SV = "SearchVulnerabilities";
const _SVFC = "SearchVulnerabilitiesFilterCriteria";
const _SVR = "SearchVulnerabilitiesRequest";
const _SVRe = "SearchVulnerabilitiesResponse";
const _Sc = "Schedule";
const _St = "Step";
const _T = "Time";
const _TA = "TitleAggregation";
const _TAR = "TitleAggregationResponse";
const _TE = "ThrottlingException";
const _TF = "TagFilter";
const _TFL = "TitleFilterList";
const _TR = "TagResource";
const _TRR = "TagResourceRequest";
const _TRRa = "TagResourceResponse";
const _TRT = "TargetResourceTags";
const _TSFL = "TargetStatusFilterList";
const _TSRFL = "TargetStatusReasonFilterList";
const _U = "Url";
const _UC = "UpdateConfiguration";
const _UCI = "UpdateConfigurationInheritance";
const _UCR = "UpdateConfigurationRequest";
const _UCRp = "UpdateConfigurationResponse";
const _UCRpd = "UpdateConnectorRequest";
const _UCRpda = "UpdateConnectorResponse";
const _UCSC = "UpdateCisScanConfiguration";
const _UCSCR = "UpdateCisScanConfigurationRequest";
const _UCSCRp = "UpdateCisScanConfigurationResponse";
const _UCSCRpd = "UpdateConnectorScanConfigurationRequest";
const _UCSCRpda = "UpdateConnectorScanConfigurationResponse";
const _UCSCp = "UpdateConnectorScanConfiguration";
const _UCSI = "UpdateCodeSecurityIntegration";
const _UCSIR = "UpdateCodeSecurityIntegrationRequest";
const _UCSIRp = "UpdateCodeSecurityIntegrationResponse";
const _UCSSC = "UpdateCodeSecurityScanConfiguration";
const _UCSSCR = "UpdateCodeSecurityScanConfigurationRequest";
const _UCSSCRp = "UpdateCodeSecurityScanConfigurationResponse";
const _UCT = "UpdateCisTargets";
const _UCp = "UpdateConnector";
const _UEDIC = "UpdateEc2DeepInspectionConfiguration";
const _UEDICR = "UpdateEc2DeepInspectionConfigurationRequest";
const _UEDICRp = "UpdateEc2DeepInspectionConfigurationResponse";
const _UEK = "UpdateEncryptionKey";
const _UEKR = "UpdateEncryptionKeyRequest";
const _UEKRp = "UpdateEncryptionKeyResponse";
const _UF = "UpdateFilter";
const _UFR = "UpdateFilterRequest";
const _UFRp = "UpdateFilterResponse";
const _UGHID = "UpdateGitHubIntegrationDetail";
const _UGLSMID = "UpdateGitLabSelfManagedIntegrationDetail";
const _UID = "UpdateIntegrationDetails";
const _UL = "UsageList";
const _UOC = "UpdateOrganizationConfiguration";
const _UOCR = "UpdateOrganizationConfigurationRequest";
const _UOCRp = "UpdateOrganizationConfigurationResponse";
const _UOEDIC = "UpdateOrgEc2DeepInspectionConfiguration";
const _UOEDICR = "UpdateOrgEc2DeepInspectionConfigurationRequest";
const _UOEDICRp = "UpdateOrgEc2DeepInspectionConfigurationResponse";
const _UR = "UntagResource";
const _URR = "UntagResourceRequest";
const _URRn = "UntagResourceResponse";
const _UT = "UsageTotal";
const _UTL = "UsageTotalList";
const _Us = "Usage";
const _V = "Vm";
const _VE = "ValidationException";
const _VEF = "ValidationExceptionField";
const _VEFa = "ValidationExceptionFields";
const _VIA = "VmInstanceAggregation";
const _VIAR = "VmInstanceAggregationResponse";
const _VIM = "VmInstanceMetadata";
const _VMSS = "VMScannerState";
const _VP = "VulnerablePackage";
const _VPL = "VulnerablePackageList";
const _Vu = "Vulnerability";
const _Vul = "Vulnerabilities";
const _WS = "WeeklySchedule";
const _a = "amis";
const _aA = "activatedAt";
const _aAI = "awsAccountId";
const _aAc = "accountAggregation";
const _aAm = "amiAggregation";
const _aC = "adjustedCvss";
const _aCCA = "awsConfigConnectorArn";
const _aCCAw = "awsConfigConnectorArns";
const _aCR = "associateConfigurationRequests";
const _aCu = "authCode";
const _aD = "atigData";
const _aDI = "activateDeepInspection";
const _aE = "autoEnable";
const _aECA = "awsEcrContainerAggregation";
const _aECI = "awsEcrContainerImage";
const _aEI = "awsEc2Instance";
const _aEMD = "awsEcsMetadataDetails";
const _aEMDw = "awsEksMetadataDetails";
const _aI = "accountId";
const _aIF = "accountIdFilters";
const _aIVMS = "autoInstallVMScanner";
const _aIc = "accountIds";
const _aIf = "affectedInstances";
const _aIff = "affectedImages";
const _aIm = "amiId";
const _aLF = "awsLambdaFunction";
const _aR = "azureRegions";
const _aRg = "aggregationRequest";
const _aT = "accessToken";
const _aTg = "aggregationType";
const _aU = "authorizationUrl";
const _aVMS = "activateVMScanner";
const _ac = "accounts";
const _act = "action";
const _acti = "activated";
const _ad = "adjustments";
const _al = "all";
const _am = "ami";
const _ar = "architectures";
const _arc = "architecture";
const _arch = "arch";
const _arn = "arn";
const _arns = "arns";
const _as = "associations";
const _au = "author";
const _az = "azure";
const _b = "begin";
const _bI = "beginInclusive";
const _bN = "bucketName";
const _bP = "benchmarkProfile";
const _bS = "baseScore";
const _bV = "benchmarkVersion";
const _c = "client";
const _cA = "clusterArn";
const _cAI = "cloudAccountId";
const _cAIl = "cloudAccountIds";
const _cAh = "checkAggregations";
const _cAo = "connectorArn";
const _cAom = "componentArn";
const _cAon = "connectorArns";
const _cAr = "createdAt";
const _cBG = "countsByGroup";
const _cCIT = "cloudContainerImageTags";
const _cCRN = "cloudContainerRepositoryName";
const _cCRNl = "cloudContainerRegistryName";
const _cD = "checkDescription";
const _cDi = "cisaData";
const _cDl = "clusterDetails";
const _cDo = "codeDigest";
const _cI = "checkId";
const _cIA = "cloudImageArchitecture";
const _cIAo = "containerImageAggregation";
const _cID = "cloudImageDigest";
const _cIF = "checkIdFilters";
const _cIIUC = "cloudImageInUseCount";
const _cILIUA = "cloudImageLastInUseAt";
const _cIPA = "cloudImagePushedAt";
const _cIR = "cloudImageRegistry";
const _cIRN = "cloudImageRepositoryName";
const _cIS = "containerImageScanning";
const _cISC = "continuousIntegrationScanConfiguration";
const _cISCo = "continuousIntegrationScanConfigurations";
const _cISSE = "continuousIntegrationScanSupportedEvents";
const _cIT = "cloudImageTags";
const _cIo = "componentId";
const _cIon = "containerImage";
const _cM = "clusterMetadata";
const _cO = "createdOn";
const _cOI = "cloudOrgId";
const _cOIl = "cloudOrgIds";
const _cP = "cloudProvider";
const _cPAI = "cloudProviderAccountId";
const _cPOI = "cloudProviderOrgId";
const _cPR = "cloudProviderRegion";
const _cPl = "cloudPartition";
const _cPlo = "cloudProviders";
const _cPlou = "cloudPartitions";
const _cPo = "computePlatform";
const _cR = "cloudRegion";
const _cRA = "codeRepositoryAggregation";
const _cRD = "cisRuleDetails";
const _cRPN = "codeRepositoryProjectName";
const _cRPT = "codeRepositoryProviderType";
const _cRPTV = "codeRepositoryProviderTypeVisibility";
const _cRl = "cloudRegions";
const _cRo = "codeRepository";
const _cRon = "containerRepository";
const _cRont = "containerRegistry";
const _cRov = "coveredResources";
const _cS = "codeSha256";
const _cSFER = "cloudServerlessFunctionExecutionRole";
const _cSFLMA = "cloudServerlessFunctionLastModifiedAt";
const _cSFN = "cloudServerlessFunctionName";
const _cSFR = "cloudServerlessFunctionRuntime";
const _cSFT = "cloudServerlessFunctionTags";
const _cSR = "codeSnippetResults";
const _cSo = "codeSnippet";
const _cSon = "connectorStatus";
const _cSv = "cvssSource";
const _cT = "connectorType";
const _cTl = "clientToken";
const _cTo = "componentType";
const _cVD = "codeVulnerabilityDetails";
const _cVDN = "codeVulnerabilityDetectorName";
const _cVDT = "codeVulnerabilityDetectorTags";
const _cVFP = "codeVulnerabilityFilePath";
const _cVIR = "cloudVmImageReference";
const _cVIT = "cloudVmInstanceTags";
const _cVNI = "cloudVmNetworkId";
const _cVSI = "cloudVmSubnetIds";
const _cl = "cluster";
const _co = "comparison";
const _cod = "code";
const _con = "content";
const _conf = "configuration";
const _confi = "configurations";
const _cou = "count";
const _cr = "criteria";
const _cri = "critical";
const _cu = "currency";
const _cv = "cvss";
const _cvs = "cvss4";
const _cvss = "cvss3";
const _cvss_ = "cvss2";
const _cw = "cwes";
const _d = "description";
const _dA = "dateAdded";
const _dAA = "delegatedAdminAccounts";
const _dAAI = "delegatedAdminAccountId";
const _dAe = "delegatedAdmin";
const _dCR = "disassociateConfigurationRequests";
const _dD = "dateDue";
const _dG = "detailsGroup";
const _dI = "detectorId";
const _dL = "detailLevel";
const _dN = "detectorName";
const _dP = "detectionPlatforms";
const _dT = "detectorTags";
const _da = "day";
const _dai = "daily";
const _day = "days";
const _de = "details";
const _des = "destination";
const _e = "error";
const _eA = "exploitAvailable";
const _eAAFC = "exploitAvailableActiveFindingsCount";
const _eAC = "exploitAvailableCount";
const _eC = "errorCode";
const _eCc = "ecrConfiguration";
const _eCco = "ec2Configuration";
const _eCr = "errorChecks";
const _eD = "evidenceDetail";
const _eDx = "exploitabilityDetails";
const _eI = "endInclusive";
const _eIA = "ecrImageArchitecture";
const _eIAc = "ec2InstanceAggregation";
const _eIH = "ecrImageHash";
const _eIII = "ec2InstanceImageId";
const _eIIUC = "ecrImageInUseCount";
const _eILIUA = "ecrImageLastInUseAt";
const _eIPA = "ecrImagePushedAt";
const _eIR = "ecrImageRegistry";
const _eIRN = "ecrImageRepositoryName";
const _eISI = "ec2InstanceSubnetId";
const _eIT = "ecrImageTags";
const _eITc = "ec2InstanceTags";
const _eIVI = "ec2InstanceVpcId";
const _eIc = "ecrImage";
const _eL = "endLine";
const _eM = "errorMessage";
const _eMC = "estimatedMonthlyCost";
const _eO = "exploitObserved";
const _eR = "evidenceRule";
const _eRA = "executionRoleArn";
const _eRN = "ecrRepositoryName";
const _eRc = "ecrRepository";
const _eRx = "executionRole";
const _eS = "enablementStatus";
const _eSR = "enablementStatusReason";
const _eSS = "ec2ScanStatus";
const _eSST = "earliestScanStartTime";
const _eSp = "epssScore";
const _ec = "ec2";
const _ecr = "ecr";
const _en = "end";
const _ep = "epss";
const _epo = "epoch";
const _er = "errors";
const _ev = "evidences";
const _f = "fields";
const _fA = "failedAssociations";
const _fAAFC = "fixAvailableActiveFindingsCount";
const _fAC = "fixAvailableCount";
const _fAF = "findingArnFilters";
const _fAI = "failedAccountIds";
const _fAa = "failedAccounts";
const _fAi = "findingArns";
const _fAil = "filterArn";
const _fAin = "findingArn";
const _fAix = "fixAvailable";
const _fC = "failedChecks";
const _fCF = "failedChecksFilters";
const _fCi = "filterCriteria";
const _fD = "findingDetails";
const _fE = "frequencyExpression";
const _fIV = "fixedInVersion";
const _fN = "functionName";
const _fNi = "fileName";
const _fNu = "functionNames";
const _fOA = "firstObservedAt";
const _fP = "filePath";
const _fRF = "failedResourcesFilters";
const _fS = "firstSeen";
const _fSF = "findingStatusFilters";
const _fSi = "findingStatus";
const _fT = "findingType";
const _fTA = "findingTypeAggregation";
const _fTI = "freeTrialInfo";
const _fTu = "functionTags";
const _fa = "failed";
const _fi = "filter";
const _fie = "field";
const _fil = "filters";
const _fin = "findings";
const _fo = "format";
const _fr = "frequency";
const _g = "github";
const _gB = "groupBy";
const _gK = "groupKey";
const _gSM = "gitlabSelfManaged";
const _h = "health";
const _hE = "httpError";
const _hH = "httpHeader";
const _hQ = "httpQuery";
const _hi = "high";
const _ht = "http";
const _i = "integrations";
const _iA = "integrationArn";
const _iC = "informationalChecks";
const _iD = "imageDigests";
const _iDm = "imageDigest";
const _iH = "imageHash";
const _iHn = "inventoryHash";
const _iI = "imageId";
const _iIPA = "iamInstanceProfileArn";
const _iIn = "instanceIds";
const _iIns = "instanceId";
const _iInst = "installationId";
const _iLA = "imageLayerAggregation";
const _iPA = "imagePulledAt";
const _iS = "imageShas";
const _iSD = "inspectorScoreDetails";
const _iSm = "imageSha";
const _iSn = "inspectorScore";
const _iT = "imageTags";
const _iTn = "instanceTags";
const _iU = "instanceUrl";
const _iUC = "inUseCount";
const _iVA = "ipV4Addresses";
const _iVAp = "ipV6Addresses";
const _id = "id";
const _im = "image";
const _it = "items";
const _k = "key";
const _kKA = "kmsKeyArn";
const _kKI = "kmsKeyId";
const _kN = "keyName";
const _kP = "keyPrefix";
const _l = "lambda";
const _lA = "launchedAt";
const _lAa = "layerArns";
const _lAay = "layerArn";
const _lC = "lambdaCode";
const _lCA = "lastCheckedAt";
const _lCI = "lastCommitId";
const _lF = "lambdaFunction";
const _lFA = "lambdaFunctionAggregation";
const _lFERA = "lambdaFunctionExecutionRoleArn";
const _lFL = "lambdaFunctionLayers";
const _lFLMA = "lambdaFunctionLastModifiedAt";
const _lFN = "lambdaFunctionName";
const _lFR = "lambdaFunctionRuntime";
const _lFT = "lambdaFunctionTags";
const _lH = "layerHashes";
const _lHa = "layerHash";
const _lI = "lowerInclusive";
const _lIU = "lastInUse";
const _lIUA = "lastInUseAt";
const _lKEA = "lastKnownExploitAt";
const _lLA = "lambdaLayerAggregation";
const _lMA = "lastModifiedAt";
const _lN = "lineNumber";
const _lOA = "lastObservedAt";
const _lS = "lastSeen";
const _lSA = "lastScanAt";
const _lSAa = "lastScannedAt";
const _lSCI = "lastScannedCommitId";
const _lSST = "latestScanStartTime";
const _lT = "lambdaTags";
const _lUA = "lastUpdatedAt";
const _lUO = "lastUpdateOn";
const _la = "layers";
const _le = "level";
const _m = "message";
const _mALR = "maxAccountLimitReached";
const _mR = "maxResults";
const _me = "metric";
const _med = "medium";
const _mem = "member";
const _memb = "members";
const _mes = "messages";
const _mo = "monthly";
const _n = "namespace";
const _nAC = "notApplicableChecks";
const _nEC = "notEvaluatedChecks";
const _nF = "networkFindings";
const _nI = "networkId";
const _nP = "networkProtocol";
const _nPe = "networkPath";
const _nRD = "networkReachabilityDetails";
const _nT = "nextToken";
const _na = "name";
const _o = "operation";
const _oA = "onlyAssociated";
const _oAI = "ownerAccountId";
const _oDS = "onDemandScan";
const _oI = "ownerId";
const _oPP = "orgPackagePaths";
const _oPR = "openPortRange";
const _oS = "operatingSystems";
const _oSp = "operatingSystem";
const _oT = "oneTime";
const _p = "platform";
const _pA = "pushedAt";
const _pAI = "providerAccountId";
const _pAa = "packageAggregation";
const _pD = "pushDuration";
const _pDRD = "pullDateRescanDuration";
const _pDRM = "pullDateRescanMode";
const _pDr = "providerDetail";
const _pDu = "pullDuration";
const _pF = "platformFilters";
const _pI = "projectId";
const _pM = "packageManager";
const _pN = "projectNames";
const _pNa = "packageNames";
const _pNac = "packageName";
const _pNr = "projectName";
const _pOI = "providerOrgId";
const _pP = "providerPartition";
const _pPa = "packagePaths";
const _pR = "providerRegion";
const _pRo = "portRange";
const _pSC = "periodicScanConfiguration";
const _pSCe = "periodicScanConfigurations";
const _pSF = "periodicScanFrequency";
const _pSS = "projectSelectionScope";
const _pT = "packageType";
const _pTV = "providerTypeVisibility";
const _pTr = "providerTypes";
const _pTro = "providerType";
const _pVD = "packageVulnerabilityDetails";
const _pa = "partition";
const _pas = "passed";
const _pe = "permissions";
const _pr = "product";
const _pro = "provider";
const _prog = "progress";
const _prot = "protocol";
const _r = "reason";
const _rA = "resourceArn";
const _rAS = "retryAfterSeconds";
const _rAe = "repositoryAggregation";
const _rD = "rescanDuration";
const _rDS = "rescanDurationState";
const _rF = "reportFormat";
const _rFC = "resourceFilterCriteria";
const _rI = "resourceId";
const _rIe = "resourceIds";
const _rIep = "reportId";
const _rIu = "ruleId";
const _rM = "resourceMetadata";
const _rN = "repositoryName";
const _rS = "resourceStatus";
const _rSC = "ruleSetCategories";
const _rSe = "resourceState";
const _rSel = "relationshipStatus";
const _rSi = "riskScore";
const _rT = "resourceType";
const _rTe = "resourceTypes";
const _rTes = "resourceTags";
const _rU = "referenceUrls";
const _rUC = "runningUnitCount";
const _rV = "relatedVulnerabilities";
const _re = "resource";
const _rec = "recommendation";
const _reg = "registry";
const _regi = "registries";
const _regio = "region";
const _rel = "release";
const _rem = "remediation";
const _rep = "repositories";
const _repo = "repository";
const _res = "resources";
const _resp = "responses";
const _ru = "runtime";
const _run = "runtimes";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.inspector2";
const _sA = "successfulAssociations";
const _sAF = "scanAtFilters";
const _sAFc = "scanArnFilters";
const _sAc = "scanArn";
const _sB = "sortBy";
const _sBF = "scheduledByFilters";
const _sBc = "scheduledBy";
const _sC = "severityCounts";
const _sCA = "scanConfigurationArn";
const _sCAF = "scanConfigurationArnFilters";
const _sCc = "scopeConfiguration";
const _sCca = "scanConfiguration";
const _sCcan = "scanConfigurations";
const _sCo = "sortCriteria";
const _sCt = "statusCounts";
const _sCta = "statusCode";
const _sCu = "successfulChecks";
const _sD = "scanDate";
const _sDe = "s3Destination";
const _sE = "supportedEvents";
const _sEu = "supportedEvent";
const _sF = "statusFilters";
const _sFA = "serverlessFunctionAggregation";
const _sFN = "serverlessFunctionName";
const _sFc = "scanFrequency";
const _sFe = "serverlessFunction";
const _sFu = "suggestedFixes";
const _sGI = "securityGroupIds";
const _sI = "subnetId";
const _sIc = "scanId";
const _sIt = "startInclusive";
const _sIu = "subnetIds";
const _sJI = "scanJobId";
const _sL = "securityLevel";
const _sLF = "securityLevelFilters";
const _sLH = "sourceLayerHash";
const _sLLA = "sourceLambdaLayerArn";
const _sLt = "startLine";
const _sM = "scanMode";
const _sMS = "scanModeState";
const _sMSc = "scanModeStatus";
const _sMt = "statusMessage";
const _sN = "scanName";
const _sNF = "scanNameFilters";
const _sO = "sortOrder";
const _sR = "statusReason";
const _sRD = "scanResultDetails";
const _sRt = "stateReason";
const _sS = "serverlessScanning";
const _sSC = "scanStatusCode";
const _sSF = "scanStatusFilters";
const _sSR = "scanStatusReason";
const _sSc = "scanStatus";
const _sSco = "scopeSettings";
const _sScor = "scoreSource";
const _sT = "scanType";
const _sTc = "scopeType";
const _sTe = "sessionToken";
const _sTt = "startTime";
const _sU = "sourceUrl";
const _sUC = "stoppedUnitCount";
const _sV = "scoringVector";
const _sVc = "scopeValues";
const _sc = "schedule";
const _sca = "scans";
const _sco = "score";
const _se = "server";
const _ser = "service";
const _sev = "severity";
const _sk = "skipped";
const _so = "source";
const _st = "status";
const _sta = "state";
const _star = "start";
const _ste = "steps";
const _t = "targets";
const _tA = "targetAccounts";
const _tAIF = "targetAccountIdFilters";
const _tAi = "titleAggregation";
const _tC = "totalChecks";
const _tCo = "totalCounts";
const _tDA = "taskDefinitionArn";
const _tF = "titleFilters";
const _tK = "tagKeys";
const _tOD = "timeOfDay";
const _tRA = "targetResourceAggregations";
const _tRI = "targetResourceId";
const _tRIF = "targetResourceIdFilters";
const _tRT = "targetResourceTags";
const _tRTF = "targetResourceTagFilters";
const _tS = "targetStatus";
const _tSF = "targetStatusFilters";
const _tSR = "targetStatusReason";
const _tSRF = "targetStatusReasonFilters";
const _ta = "tags";
const _te = "text";
const _ti = "title";
const _tim = "timezone";
const _tit = "titles";
const _to = "tools";
const _tot = "totals";
const _tota = "total";
const _tt = "ttps";
const _ty = "type";
const _u = "url";
const _uA = "updatedAt";
const _uC = "unknownChecks";
const _uCI = "updateConfigurationInheritance";
const _uI = "upperInclusive";
const _us = "usage";
const _v = "value";
const _vC = "vpcConfig";
const _vCA = "vendorCreatedAt";
const _vI = "vpcId";
const _vIA = "vmInstanceAggregation";
const _vIR = "vmImageReference";
const _vIRm = "vmImageReferences";
const _vIm = "vmInstance";
const _vIu = "vulnerabilityId";
const _vIul = "vulnerabilityIds";
const _vN = "vmName";
const _vP = "vulnerablePackages";
const _vS = "vmScanning";
const _vSS = "vmScannerState";
const _vSe = "vendorSeverity";
const _vSu = "vulnerabilitySource";
const _vUA = "vendorUpdatedAt";
const _ve = "version";
const _ven = "vendor";
const _vm = "vm";
const _vu = "vulnerabilities";
const _w = "weekly";
const _wIL = "workloadInfoList";
const n0 = "com.amazonaws.inspector2";
const _s_registry = TypeRegistry.for(_s);
var Inspector2ServiceException$ = [-3, _s, "Inspector2ServiceException", 0, [], []];
_s_registry.registerError(Inspector2ServiceException$, Inspector2ServiceException);
const n0_registry = TypeRegistry.for(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_m],
    [0], 1
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var BadRequestException$ = [-3, n0, _BRE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0], 1
];
n0_registry.registerError(BadRequestException$, BadRequestException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 409 },
    [_m, _rI, _rT],
    [0, 0, 0], 3
];
n0_registry.registerError(ConflictException$, ConflictException);
var InternalServerException$ = [-3, n0, _ISE,
    { [_e]: _se, [_hE]: 500 },
    [_m, _rAS],
    [0, [1, { [_hH]: _RA }]], 1
];
n0_registry.registerError(InternalServerException$, InternalServerException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c, [_hE]: 404 },
    [_m],
    [0], 1
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_e]: _c, [_hE]: 402 },
    [_m, _rI],
    [0, 0], 2
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_e]: _c, [_hE]: 429 },
    [_m, _rAS],
    [0, [1, { [_hH]: _RA }]], 1
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var ValidationException$ = [-3, n0, _VE,
    { [_e]: _c, [_hE]: 400 },
    [_m, _r, _f],
    [0, 0, () => ValidationExceptionFields], 2
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AuthorizationUrl = [0, n0, _AU, 8, 0];
var ConnectorNextToken = [0, n0, _CNT, 8, 0];
var GitHubAuthCode = [0, n0, _GHAC, 8, 0];
var GitLabAccessToken = [0, n0, _GLAT, 8, 0];
var GitLabAuthCode = [0, n0, _GLAC, 8, 0];
var InstanceUrl = [0, n0, _IU, 8, 0];
var Account$ = [3, n0, _A,
    0,
    [_aI, _st, _rS],
    [0, 0, () => ResourceStatus$], 3
];
var AccountAggregation$ = [3, n0, _AA,
    0,
    [_fT, _rT, _sO, _sB],
    [0, 0, 0, 0]
];
var AccountAggregationResponse$ = [3, n0, _AAR,
    0,
    [_aI, _sC, _eAC, _fAC],
    [0, () => SeverityCounts$, 1, 1]
];
var AccountState$ = [3, n0, _AS,
    0,
    [_aI, _sta, _rSe],
    [0, () => State$, () => ResourceState$], 3
];
var AmiAggregation$ = [3, n0, _AAm,
    0,
    [_a, _sO, _sB],
    [() => StringFilterList, 0, 0]
];
var AmiAggregationResponse$ = [3, n0, _AARm,
    0,
    [_am, _aI, _cP, _cPl, _cR, _cOI, _cAI, _sC, _aIf],
    [0, 0, 0, 0, 0, 0, 0, () => SeverityCounts$, 1], 1
];
var AssociateConfigurationRequest$ = [3, n0, _ACR,
    0,
    [_sCA, _re],
    [0, () => CodeSecurityResource$], 2
];
var AssociateMemberRequest$ = [3, n0, _AMR,
    0,
    [_aI],
    [0], 1
];
var AssociateMemberResponse$ = [3, n0, _AMRs,
    0,
    [_aI],
    [0], 1
];
var AtigData$ = [3, n0, _AD,
    0,
    [_fS, _lS, _t, _tt],
    [4, 4, 64 | 0, 64 | 0]
];
var AutoEnable$ = [3, n0, _AE,
    0,
    [_ec, _ecr, _l, _lC, _cRo],
    [2, 2, 2, 2, 2], 2
];
var AwsConfigConnectorArnFilter$ = [3, n0, _ACCAF,
    0,
    [_co, _v],
    [0, 0], 2
];
var AwsEc2InstanceDetails$ = [3, n0, _AEID,
    0,
    [_ty, _iI, _iVA, _iVAp, _kN, _iIPA, _vI, _sI, _lA, _p],
    [0, 0, 64 | 0, 64 | 0, 0, 0, 0, 0, 4, 0]
];
var AwsEcrContainerAggregation$ = [3, n0, _AECA,
    0,
    [_rIe, _iS, _rep, _ar, _iT, _sO, _sB, _lIUA, _iUC],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, 0, 0, () => DateFilterList, () => NumberFilterList]
];
var AwsEcrContainerAggregationResponse$ = [3, n0, _AECAR,
    0,
    [_rI, _iSm, _repo, _arc, _iT, _aI, _sC, _lIUA, _iUC],
    [0, 0, 0, 0, 64 | 0, 0, () => SeverityCounts$, 4, 1], 1
];
var AwsEcrContainerImageDetails$ = [3, n0, _AECID,
    0,
    [_rN, _iH, _reg, _iT, _pA, _au, _arc, _p, _lIUA, _iUC],
    [0, 0, 0, 64 | 0, 4, 0, 0, 0, 4, 1], 3
];
var AwsEcsMetadataDetails$ = [3, n0, _AEMD,
    0,
    [_dG, _tDA],
    [0, 0], 2
];
var AwsEksMetadataDetails$ = [3, n0, _AEMDw,
    0,
    [_n, _wIL],
    [0, () => AwsEksWorkloadInfoList]
];
var AwsEksWorkloadInfo$ = [3, n0, _AEWI,
    0,
    [_na, _ty],
    [0, 0], 2
];
var AwsLambdaFunctionDetails$ = [3, n0, _ALFD,
    0,
    [_fN, _ru, _cS, _ve, _eRA, _la, _vC, _pT, _ar, _lMA],
    [0, 0, 0, 0, 0, 64 | 0, () => LambdaVpcConfig$, 0, 64 | 0, 4], 5
];
var AzureProviderDetailCreate$ = [3, n0, _APDC,
    0,
    [_aCCA, _sCc, _aR, _aIVMS],
    [0, () => AzureScopeConfigurationInput$, 64 | 0, 2], 3
];
var AzureProviderDetailUpdate$ = [3, n0, _APDU,
    0,
    [_aR, _sCc, _aIVMS],
    [64 | 0, () => AzureScopeConfigurationInput$, 2]
];
var AzureScopeConfiguration$ = [3, n0, _ASC,
    0,
    [_vS, _cIS, _sS],
    [() => ScopeConfiguration$, () => ScopeConfiguration$, () => ScopeConfiguration$]
];
var AzureScopeConfigurationInput$ = [3, n0, _ASCI,
    0,
    [_vS, _cIS, _sS],
    [() => ScopeConfigurationInput$, () => ScopeConfigurationInput$, () => ScopeConfigurationInput$]
];
var BatchAssociateCodeSecurityScanConfigurationRequest$ = [3, n0, _BACSSCR,
    0,
    [_aCR],
    [() => AssociateConfigurationRequestList], 1
];
var BatchAssociateCodeSecurityScanConfigurationResponse$ = [3, n0, _BACSSCRa,
    0,
    [_fA, _sA],
    [() => FailedAssociationResultList, () => SuccessfulAssociationResultList]
];
var BatchDisassociateCodeSecurityScanConfigurationRequest$ = [3, n0, _BDCSSCR,
    0,
    [_dCR],
    [() => DisassociateConfigurationRequestList], 1
];
var BatchDisassociateCodeSecurityScanConfigurationResponse$ = [3, n0, _BDCSSCRa,
    0,
    [_fA, _sA],
    [() => FailedAssociationResultList, () => SuccessfulAssociationResultList]
];
var BatchGetAccountStatusRequest$ = [3, n0, _BGASR,
    0,
    [_aIc],
    [64 | 0]
];
var BatchGetAccountStatusResponse$ = [3, n0, _BGASRa,
    0,
    [_ac, _fAa],
    [() => AccountStateList, () => FailedAccountList], 1
];
var BatchGetCodeSnippetRequest$ = [3, n0, _BGCSR,
    0,
    [_fAi],
    [64 | 0], 1
];
var BatchGetCodeSnippetResponse$ = [3, n0, _BGCSRa,
    0,
    [_cSR, _er],
    [() => CodeSnippetResultList, () => CodeSnippetErrorList]
];
var BatchGetFindingDetailsRequest$ = [3, n0, _BGFDR,
    0,
    [_fAi],
    [64 | 0], 1
];
var BatchGetFindingDetailsResponse$ = [3, n0, _BGFDRa,
    0,
    [_fD, _er],
    [() => FindingDetails, () => FindingDetailsErrorList]
];
var BatchGetFreeTrialInfoRequest$ = [3, n0, _BGFTIR,
    0,
    [_aIc],
    [64 | 0], 1
];
var BatchGetFreeTrialInfoResponse$ = [3, n0, _BGFTIRa,
    0,
    [_ac, _fAa],
    [() => FreeTrialAccountInfoList, () => FreeTrialInfoErrorList], 2
];
var BatchGetMemberEc2DeepInspectionStatusRequest$ = [3, n0, _BGMEDISR,
    0,
    [_aIc],
    [64 | 0]
];
var BatchGetMemberEc2DeepInspectionStatusResponse$ = [3, n0, _BGMEDISRa,
    0,
    [_aIc, _fAI],
    [() => MemberAccountEc2DeepInspectionStatusStateList, () => FailedMemberAccountEc2DeepInspectionStatusStateList]
];
var BatchUpdateMemberEc2DeepInspectionStatusRequest$ = [3, n0, _BUMEDISR,
    0,
    [_aIc],
    [() => MemberAccountEc2DeepInspectionStatusList], 1
];
var BatchUpdateMemberEc2DeepInspectionStatusResponse$ = [3, n0, _BUMEDISRa,
    0,
    [_aIc, _fAI],
    [() => MemberAccountEc2DeepInspectionStatusStateList, () => FailedMemberAccountEc2DeepInspectionStatusStateList]
];
var CancelFindingsReportRequest$ = [3, n0, _CFRR,
    0,
    [_rIep],
    [0], 1
];
var CancelFindingsReportResponse$ = [3, n0, _CFRRa,
    0,
    [_rIep],
    [0], 1
];
var CancelSbomExportRequest$ = [3, n0, _CSER,
    0,
    [_rIep],
    [0], 1
];
var CancelSbomExportResponse$ = [3, n0, _CSERa,
    0,
    [_rIep],
    [0]
];
var CisaData$ = [3, n0, _CD,
    0,
    [_dA, _dD, _act],
    [4, 4, 0]
];
var CisCheckAggregation$ = [3, n0, _CCA,
    0,
    [_sAc, _cI, _ti, _cD, _le, _aI, _sCt, _p],
    [0, 0, 0, 0, 0, 0, () => StatusCounts$, 0], 1
];
var CisDateFilter$ = [3, n0, _CDF,
    0,
    [_eSST, _lSST],
    [4, 4]
];
var CisFindingStatusFilter$ = [3, n0, _CFSF,
    0,
    [_co, _v],
    [0, 0], 2
];
var CisNumberFilter$ = [3, n0, _CNF,
    0,
    [_uI, _lI],
    [1, 1]
];
var CisResultStatusFilter$ = [3, n0, _CRSF,
    0,
    [_co, _v],
    [0, 0], 2
];
var CisScan$ = [3, n0, _CS,
    0,
    [_sAc, _sCA, _st, _sN, _sD, _fC, _tC, _t, _sBc, _sL],
    [0, 0, 0, 0, 4, 1, 1, () => CisTargets$, 0, 0], 2
];
var CisScanConfiguration$ = [3, n0, _CSC,
    0,
    [_sCA, _oI, _sN, _sL, _sc, _t, _ta],
    [0, 0, 0, 0, () => Schedule$, () => CisTargets$, 128 | 0], 1
];
var CisScanResultDetails$ = [3, n0, _CSRD,
    0,
    [_sAc, _aI, _tRI, _p, _st, _sR, _cI, _ti, _cD, _rem, _le, _fAin],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 1
];
var CisScanResultDetailsFilterCriteria$ = [3, n0, _CSRDFC,
    0,
    [_fSF, _cIF, _tF, _sLF, _fAF],
    [() => CisFindingStatusFilterList, () => CheckIdFilterList, () => TitleFilterList, () => CisSecurityLevelFilterList, () => CisFindingArnFilterList]
];
var CisScanResultsAggregatedByChecksFilterCriteria$ = [3, n0, _CSRABCFC,
    0,
    [_aIF, _cIF, _tF, _pF, _fRF, _sLF],
    [() => OneAccountIdFilterList, () => CheckIdFilterList, () => TitleFilterList, () => PlatformFilterList, () => CisNumberFilterList, () => CisSecurityLevelFilterList]
];
var CisScanResultsAggregatedByTargetResourceFilterCriteria$ = [3, n0, _CSRABTRFC,
    0,
    [_aIF, _sF, _cIF, _tRIF, _tRTF, _pF, _tSF, _tSRF, _fCF],
    [() => AccountIdFilterList, () => CisResultStatusFilterList, () => CheckIdFilterList, () => ResourceIdFilterList, () => ResourceTagFilterList, () => PlatformFilterList, () => TargetStatusFilterList, () => TargetStatusReasonFilterList, () => CisNumberFilterList]
];
var CisScanStatusFilter$ = [3, n0, _CSSF,
    0,
    [_co, _v],
    [0, 0], 2
];
var CisSecurityLevelFilter$ = [3, n0, _CSLF,
    0,
    [_co, _v],
    [0, 0], 2
];
var CisSessionMessage$ = [3, n0, _CSM,
    0,
    [_rIu, _st, _cRD],
    [0, 0, 21], 3
];
var CisStringFilter$ = [3, n0, _CSF,
    0,
    [_co, _v],
    [0, 0], 2
];
var CisTargetResourceAggregation$ = [3, n0, _CTRA,
    0,
    [_sAc, _tRI, _aI, _tRT, _sCt, _p, _tS, _tSR],
    [0, 0, 0, [2, n0, _TRT, 0, 0, 64 | 0], () => StatusCounts$, 0, 0, 0], 1
];
var CisTargets$ = [3, n0, _CT,
    0,
    [_aIc, _tRT],
    [64 | 0, [2, n0, _TRT, 0, 0, 64 | 0]]
];
var CisTargetStatusFilter$ = [3, n0, _CTSF,
    0,
    [_co, _v],
    [0, 0], 2
];
var CisTargetStatusReasonFilter$ = [3, n0, _CTSRF,
    0,
    [_co, _v],
    [0, 0], 2
];
var ClusterDetails$ = [3, n0, _CDl,
    0,
    [_lIU, _cM, _rUC, _sUC],
    [4, () => ClusterMetadata$, 1, 1], 2
];
var ClusterForImageFilterCriteria$ = [3, n0, _CFIFC,
    0,
    [_rI],
    [0], 1
];
var ClusterInformation$ = [3, n0, _CI,
    0,
    [_cA, _cDl],
    [0, () => ClusterDetailsList], 1
];
var CodeFilePath$ = [3, n0, _CFP,
    0,
    [_fNi, _fP, _sLt, _eL],
    [0, 0, 1, 1], 4
];
var CodeLine$ = [3, n0, _CL,
    0,
    [_con, _lN],
    [0, 1], 2
];
var CodeRepositoryAggregation$ = [3, n0, _CRA,
    0,
    [_pN, _pTr, _sO, _sB, _rIe],
    [() => StringFilterList, () => StringFilterList, 0, 0, () => StringFilterList]
];
var CodeRepositoryAggregationResponse$ = [3, n0, _CRAR,
    0,
    [_pN, _pTro, _sC, _eAAFC, _fAAFC, _aI, _rI],
    [0, 0, () => SeverityCounts$, 1, 1, 0, 0], 1
];
var CodeRepositoryDetails$ = [3, n0, _CRD,
    0,
    [_pNr, _iA, _pTro],
    [0, 0, 0]
];
var CodeRepositoryMetadata$ = [3, n0, _CRM,
    0,
    [_pNr, _pTro, _pTV, _iA, _lSCI, _sCca, _oDS],
    [0, 0, 0, 0, 0, () => ProjectCodeSecurityScanConfiguration$, () => CodeRepositoryOnDemandScan$], 3
];
var CodeRepositoryOnDemandScan$ = [3, n0, _CRODS,
    0,
    [_lSCI, _lSA, _sSc],
    [0, 4, () => ScanStatus$]
];
var CodeSecurityIntegrationSummary$ = [3, n0, _CSIS,
    0,
    [_iA, _na, _ty, _st, _sR, _cO, _lUO, _ta],
    [0, 0, 0, 0, 0, 4, 4, 128 | 0], 7
];
var CodeSecurityScanConfiguration$ = [3, n0, _CSSC,
    0,
    [_rSC, _pSC, _cISC],
    [64 | 0, () => PeriodicScanConfiguration$, () => ContinuousIntegrationScanConfiguration$], 1
];
var CodeSecurityScanConfigurationAssociationSummary$ = [3, n0, _CSSCAS,
    0,
    [_re],
    [() => CodeSecurityResource$]
];
var CodeSecurityScanConfigurationSummary$ = [3, n0, _CSSCS,
    0,
    [_sCA, _na, _oAI, _rSC, _pSF, _fE, _cISSE, _sSco, _ta],
    [0, 0, 0, 64 | 0, 0, 0, 64 | 0, () => ScopeSettings$, 128 | 0], 4
];
var CodeSnippetError$ = [3, n0, _CSE,
    0,
    [_fAin, _eC, _eM],
    [0, 0, 0], 3
];
var CodeSnippetResult$ = [3, n0, _CSR,
    0,
    [_fAin, _sLt, _eL, _cSo, _sFu],
    [0, 1, 1, () => CodeLineList, () => SuggestedFixes]
];
var CodeVulnerabilityDetails$ = [3, n0, _CVD,
    0,
    [_fP, _dI, _dN, _cw, _dT, _rU, _rIu, _sLLA],
    [() => CodeFilePath$, 0, 0, 64 | 0, 64 | 0, 64 | 0, 0, 0], 4
];
var ComputePlatform$ = [3, n0, _CP,
    0,
    [_ven, _pr, _ve],
    [0, 0, 0]
];
var Connector$ = [3, n0, _C,
    0,
    [_cAo, _pro, _cAr, _uA, _na, _d, _eS, _eSR, _h, _aR, _aCCA, _sCc, _ta, _aIVMS],
    [0, 0, 5, 5, 0, 0, 0, 0, () => ConnectorHealth$, 64 | 0, 0, () => AzureScopeConfiguration$, 128 | 0, 2], 4
];
var ConnectorArnFilter$ = [3, n0, _CAF,
    0,
    [_co, _v],
    [0, 0], 2
];
var ConnectorContainerImageScanConfiguration$ = [3, n0, _CCISC,
    0,
    [_pD, _pDu],
    [0, 0]
];
var ConnectorFilterCriteria$ = [3, n0, _CFC,
    0,
    [_cAon, _ac, _aCCAw, _cT, _pro],
    [() => ConnectorArnFilterList, () => StringFilterList, () => AwsConfigConnectorArnFilterList, () => ConnectorTypeFilterList, () => ProviderFilterList]
];
var ConnectorHealth$ = [3, n0, _CH,
    0,
    [_cSon, _lCA, _m],
    [0, 5, 0], 2
];
var ConnectorScanConfiguration$ = [3, n0, _CSCo,
    0,
    [_cIS],
    [() => ConnectorContainerImageScanConfiguration$]
];
var ConnectorScanConfigurationItem$ = [3, n0, _CSCI,
    0,
    [_aCCA, _cAon, _sCca],
    [0, 64 | 0, () => ConnectorScanConfiguration$], 3
];
var ConnectorTypeFilter$ = [3, n0, _CTF,
    0,
    [_co, _v],
    [0, 0], 2
];
var ContainerImageAggregation$ = [3, n0, _CIA,
    0,
    [_rIe, _iD, _rep, _regi, _ar, _iT, _cPlo, _cPlou, _cRl, _cOIl, _cAIl, _lIUA, _iUC, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => NumberFilterList, 0, 0]
];
var ContainerImageAggregationResponse$ = [3, n0, _CIAR,
    0,
    [_rI, _cP, _cAI, _cPl, _cR, _cOI, _iDm, _repo, _reg, _arc, _iT, _aI, _sC, _lIUA, _iUC, _eAAFC, _fAAFC],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64 | 0, 0, () => SeverityCounts$, 4, 1, 1, 1], 1
];
var ContainerImageMetadata$ = [3, n0, _CIM,
    0,
    [_iT, _iPA, _lIUA, _iUC],
    [64 | 0, 4, 4, 1]
];
var ContainerRegistryMetadata$ = [3, n0, _CRMo,
    0,
    [_na],
    [0]
];
var ContainerRepositoryMetadata$ = [3, n0, _CRMon,
    0,
    [_na, _sFc],
    [0, 0]
];
var ContinuousIntegrationScanConfiguration$ = [3, n0, _CISC,
    0,
    [_sE],
    [64 | 0], 1
];
var Counts$ = [3, n0, _Co,
    0,
    [_cou, _gK],
    [1, 0]
];
var CoverageDateFilter$ = [3, n0, _CDFo,
    0,
    [_sIt, _eI],
    [4, 4]
];
var CoverageFilterCriteria$ = [3, n0, _CFCo,
    0,
    [_sSC, _sSR, _aI, _rI, _rT, _sT, _eRN, _eIT, _eITc, _lFN, _lFT, _lFR, _lSAa, _sM, _iPA, _eILIUA, _eIIUC, _cRPN, _cRPT, _cRPTV, _lSCI, _cP, _cPAI, _cPR, _cVIT, _cCIT, _cCRN, _cCRNl, _cSFN, _cSFR, _cSFT, _cPOI],
    [() => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageMapFilterList, () => CoverageStringFilterList, () => CoverageMapFilterList, () => CoverageStringFilterList, () => CoverageDateFilterList, () => CoverageStringFilterList, () => CoverageDateFilterList, () => CoverageDateFilterList, () => CoverageNumberFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageMapFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageStringFilterList, () => CoverageMapFilterList, () => CoverageStringFilterList]
];
var CoverageMapFilter$ = [3, n0, _CMF,
    0,
    [_co, _k, _v],
    [0, 0, 0], 2
];
var CoverageNumberFilter$ = [3, n0, _CNFo,
    0,
    [_uI, _lI],
    [1, 1]
];
var CoverageStringFilter$ = [3, n0, _CSFo,
    0,
    [_co, _v],
    [0, 0], 2
];
var CoveredResource$ = [3, n0, _CR,
    0,
    [_rT, _rI, _aI, _sT, _sSc, _rM, _lSAa, _sM, _pro, _pAI, _pOI, _pR, _pP],
    [0, 0, 0, 0, () => ScanStatus$, () => ResourceScanMetadata$, 4, 0, 0, 0, 0, 0, 0], 4
];
var CreateCisScanConfigurationRequest$ = [3, n0, _CCSCR,
    0,
    [_sN, _sL, _sc, _t, _ta],
    [0, 0, () => Schedule$, () => CreateCisTargets$, 128 | 0], 4
];
var CreateCisScanConfigurationResponse$ = [3, n0, _CCSCRr,
    0,
    [_sCA],
    [0]
];
var CreateCisTargets$ = [3, n0, _CCT,
    0,
    [_aIc, _tRT],
    [64 | 0, [2, n0, _TRT, 0, 0, 64 | 0]], 2
];
var CreateCodeSecurityIntegrationRequest$ = [3, n0, _CCSIR,
    0,
    [_na, _ty, _de, _ta],
    [0, 0, [() => CreateIntegrationDetail$, 0], 128 | 0], 2
];
var CreateCodeSecurityIntegrationResponse$ = [3, n0, _CCSIRr,
    0,
    [_iA, _st, _aU],
    [0, 0, [() => AuthorizationUrl, 0]], 2
];
var CreateCodeSecurityScanConfigurationRequest$ = [3, n0, _CCSSCR,
    0,
    [_na, _le, _conf, _sSco, _ta],
    [0, 0, () => CodeSecurityScanConfiguration$, () => ScopeSettings$, 128 | 0], 3
];
var CreateCodeSecurityScanConfigurationResponse$ = [3, n0, _CCSSCRr,
    0,
    [_sCA],
    [0], 1
];
var CreateConnectorRequest$ = [3, n0, _CCR,
    0,
    [_na, _pro, _pDr, _cTl, _d, _ta],
    [0, 0, () => ProviderDetailCreate$, [0, 4], 0, 128 | 0], 3
];
var CreateConnectorResponse$ = [3, n0, _CCRr,
    0,
    [_cAo],
    [0], 1
];
var CreateFilterRequest$ = [3, n0, _CFR,
    0,
    [_act, _fCi, _na, _d, _ta, _r],
    [0, () => FilterCriteria$, 0, 0, 128 | 0, 0], 3
];
var CreateFilterResponse$ = [3, n0, _CFRr,
    0,
    [_arn],
    [0], 1
];
var CreateFindingsReportRequest$ = [3, n0, _CFRRr,
    0,
    [_rF, _sDe, _fCi],
    [0, () => Destination$, () => FilterCriteria$], 2
];
var CreateFindingsReportResponse$ = [3, n0, _CFRRre,
    0,
    [_rIep],
    [0]
];
var CreateGitLabSelfManagedIntegrationDetail$ = [3, n0, _CGLSMID,
    0,
    [_iU, _aT],
    [[() => InstanceUrl, 0], [() => GitLabAccessToken, 0]], 2
];
var CreateSbomExportRequest$ = [3, n0, _CSERr,
    0,
    [_rF, _sDe, _rFC],
    [0, () => Destination$, () => ResourceFilterCriteria$], 2
];
var CreateSbomExportResponse$ = [3, n0, _CSERre,
    0,
    [_rIep],
    [0]
];
var Cvss2$ = [3, n0, _Cv,
    0,
    [_bS, _sV],
    [1, 0]
];
var Cvss3$ = [3, n0, _Cvs,
    0,
    [_bS, _sV],
    [1, 0]
];
var Cvss4$ = [3, n0, _Cvss,
    0,
    [_bS, _sV],
    [1, 0]
];
var CvssScore$ = [3, n0, _CSv,
    0,
    [_bS, _sV, _ve, _so],
    [1, 0, 0, 0], 4
];
var CvssScoreAdjustment$ = [3, n0, _CSA,
    0,
    [_me, _r],
    [0, 0], 2
];
var CvssScoreDetails$ = [3, n0, _CSD,
    0,
    [_sScor, _ve, _sco, _sV, _cSv, _ad],
    [0, 0, 1, 0, 0, () => CvssScoreAdjustmentList], 4
];
var DailySchedule$ = [3, n0, _DS,
    0,
    [_sTt],
    [() => Time$], 1
];
var DateFilter$ = [3, n0, _DF,
    0,
    [_sIt, _eI],
    [4, 4]
];
var DelegatedAdmin$ = [3, n0, _DA,
    0,
    [_aI, _rSel],
    [0, 0]
];
var DelegatedAdminAccount$ = [3, n0, _DAA,
    0,
    [_aI, _st],
    [0, 0]
];
var DeleteCisScanConfigurationRequest$ = [3, n0, _DCSCR,
    0,
    [_sCA],
    [0], 1
];
var DeleteCisScanConfigurationResponse$ = [3, n0, _DCSCRe,
    0,
    [_sCA],
    [0], 1
];
var DeleteCodeSecurityIntegrationRequest$ = [3, n0, _DCSIR,
    0,
    [_iA],
    [0], 1
];
var DeleteCodeSecurityIntegrationResponse$ = [3, n0, _DCSIRe,
    0,
    [_iA],
    [0]
];
var DeleteCodeSecurityScanConfigurationRequest$ = [3, n0, _DCSSCR,
    0,
    [_sCA],
    [0], 1
];
var DeleteCodeSecurityScanConfigurationResponse$ = [3, n0, _DCSSCRe,
    0,
    [_sCA],
    [0]
];
var DeleteConnectorRequest$ = [3, n0, _DCR,
    0,
    [_cAo],
    [0], 1
];
var DeleteConnectorResponse$ = [3, n0, _DCRe,
    0,
    [],
    []
];
var DeleteFilterRequest$ = [3, n0, _DFR,
    0,
    [_arn],
    [0], 1
];
var DeleteFilterResponse$ = [3, n0, _DFRe,
    0,
    [_arn],
    [0], 1
];
var DescribeOrganizationConfigurationRequest$ = [3, n0, _DOCR,
    0,
    [],
    []
];
var DescribeOrganizationConfigurationResponse$ = [3, n0, _DOCRe,
    0,
    [_aE, _mALR],
    [() => AutoEnable$, 2]
];
var Destination$ = [3, n0, _D,
    0,
    [_bN, _kKA, _kP],
    [0, 0, 0], 2
];
var DisableDelegatedAdminAccountRequest$ = [3, n0, _DDAAR,
    0,
    [_dAAI],
    [0], 1
];
var DisableDelegatedAdminAccountResponse$ = [3, n0, _DDAARi,
    0,
    [_dAAI],
    [0], 1
];
var DisableRequest$ = [3, n0, _DR,
    0,
    [_aIc, _rTe],
    [64 | 0, 64 | 0]
];
var DisableResponse$ = [3, n0, _DRi,
    0,
    [_ac, _fAa],
    [() => AccountList, () => FailedAccountList], 1
];
var DisassociateConfigurationRequest$ = [3, n0, _DCRi,
    0,
    [_sCA, _re],
    [0, () => CodeSecurityResource$], 2
];
var DisassociateMemberRequest$ = [3, n0, _DMR,
    0,
    [_aI],
    [0], 1
];
var DisassociateMemberResponse$ = [3, n0, _DMRi,
    0,
    [_aI],
    [0], 1
];
var Ec2Configuration$ = [3, n0, _EC,
    0,
    [_sM, _aVMS],
    [0, 2], 1
];
var Ec2ConfigurationState$ = [3, n0, _ECS,
    0,
    [_sMS, _vSS],
    [() => Ec2ScanModeState$, () => VMScannerState$]
];
var Ec2InstanceAggregation$ = [3, n0, _EIA,
    0,
    [_a, _oS, _iIn, _iTn, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => MapFilterList, 0, 0]
];
var Ec2InstanceAggregationResponse$ = [3, n0, _EIAR,
    0,
    [_iIns, _am, _oSp, _iTn, _aI, _sC, _nF],
    [0, 0, 0, 128 | 0, 0, () => SeverityCounts$, 1], 1
];
var Ec2Metadata$ = [3, n0, _EM,
    0,
    [_ta, _aIm, _p],
    [128 | 0, 0, 0]
];
var Ec2ScanModeState$ = [3, n0, _ESMS,
    0,
    [_sM, _sMSc],
    [0, 0]
];
var EcrConfiguration$ = [3, n0, _ECc,
    0,
    [_rD, _pDRD, _pDRM],
    [0, 0, 0], 1
];
var EcrConfigurationState$ = [3, n0, _ECSc,
    0,
    [_rDS],
    [() => EcrRescanDurationState$]
];
var EcrContainerImageMetadata$ = [3, n0, _ECIM,
    0,
    [_ta, _iPA, _lIUA, _iUC],
    [64 | 0, 4, 4, 1]
];
var EcrRepositoryMetadata$ = [3, n0, _ERM,
    0,
    [_na, _sFc],
    [0, 0]
];
var EcrRescanDurationState$ = [3, n0, _ERDS,
    0,
    [_rD, _st, _uA, _pDRD, _pDRM],
    [0, 0, 4, 0, 0]
];
var EnableDelegatedAdminAccountRequest$ = [3, n0, _EDAAR,
    0,
    [_dAAI, _cTl],
    [0, [0, 4]], 1
];
var EnableDelegatedAdminAccountResponse$ = [3, n0, _EDAARn,
    0,
    [_dAAI],
    [0], 1
];
var EnableRequest$ = [3, n0, _ER,
    0,
    [_rTe, _aIc, _cTl],
    [64 | 0, 64 | 0, [0, 4]], 1
];
var EnableResponse$ = [3, n0, _ERn,
    0,
    [_ac, _fAa],
    [() => AccountList, () => FailedAccountList], 1
];
var Epss$ = [3, n0, _E,
    0,
    [_sco],
    [1]
];
var EpssDetails$ = [3, n0, _ED,
    0,
    [_sco],
    [1]
];
var Evidence$ = [3, n0, _Ev,
    0,
    [_eR, _eD, _sev],
    [0, 0, 0]
];
var ExploitabilityDetails$ = [3, n0, _EDx,
    0,
    [_lKEA],
    [4]
];
var ExploitObserved$ = [3, n0, _EO,
    0,
    [_lS, _fS],
    [4, 4]
];
var FailedAccount$ = [3, n0, _FA,
    0,
    [_aI, _eC, _eM, _st, _rS],
    [0, 0, 0, 0, () => ResourceStatus$], 3
];
var FailedAssociationResult$ = [3, n0, _FAR,
    0,
    [_sCA, _re, _sCta, _sMt],
    [0, () => CodeSecurityResource$, 0, 0]
];
var FailedMemberAccountEc2DeepInspectionStatusState$ = [3, n0, _FMAEDISS,
    0,
    [_aI, _eSS, _eM],
    [0, 0, 0], 1
];
var Filter$ = [3, n0, _F,
    0,
    [_arn, _oI, _na, _cr, _act, _cAr, _uA, _d, _r, _ta],
    [0, 0, 0, () => FilterCriteria$, 0, 4, 4, 0, 0, 128 | 0], 7
];
var FilterCriteria$ = [3, n0, _FC,
    0,
    [_fAin, _aAI, _fT, _sev, _fOA, _lOA, _uA, _fSi, _ti, _iSn, _rT, _rI, _rTes, _eIII, _eIVI, _eISI, _eIPA, _eIA, _eIR, _eIRN, _eIT, _eIH, _eILIUA, _eIIUC, _pRo, _nP, _cIo, _cTo, _vIu, _vSu, _vSe, _vP, _rV, _fAix, _lFN, _lFL, _lFR, _lFLMA, _lFERA, _eA, _cVDN, _cVDT, _cVFP, _eSp, _cRPN, _cRPT, _cP, _cPR, _cPAI, _cPOI, _cVIR, _cVNI, _cVSI, _cIRN, _cIR, _cID, _cIT, _cIPA, _cIA, _cILIUA, _cIIUC, _cSFN, _cSFR, _cSFLMA, _cSFER],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => DateFilterList, () => DateFilterList, () => StringFilterList, () => StringFilterList, () => NumberFilterList, () => StringFilterList, () => StringFilterList, () => MapFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => NumberFilterList, () => PortRangeFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => PackageFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => NumberFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => StringFilterList, () => DateFilterList, () => NumberFilterList, () => StringFilterList, () => StringFilterList, () => DateFilterList, () => StringFilterList]
];
var Finding$ = [3, n0, _Fi,
    0,
    [_fAin, _aAI, _ty, _d, _rem, _sev, _fOA, _lOA, _st, _res, _ti, _uA, _iSn, _iSD, _nRD, _pVD, _fAix, _eA, _eDx, _cVD, _ep],
    [0, 0, 0, 0, () => Remediation$, 0, 4, 4, 0, () => ResourceList, 0, 4, 1, () => InspectorScoreDetails$, () => NetworkReachabilityDetails$, () => PackageVulnerabilityDetails$, 0, 0, () => ExploitabilityDetails$, () => CodeVulnerabilityDetails$, () => EpssDetails$], 10
];
var FindingDetail$ = [3, n0, _FD,
    0,
    [_fAin, _cDi, _rSi, _ev, _tt, _to, _eO, _rU, _cw, _eSp],
    [0, () => CisaData$, 1, () => EvidenceList, 64 | 0, 64 | 0, () => ExploitObserved$, 64 | 0, 64 | 0, 1]
];
var FindingDetailsError$ = [3, n0, _FDE,
    0,
    [_fAin, _eC, _eM],
    [0, 0, 0], 3
];
var FindingTypeAggregation$ = [3, n0, _FTA,
    0,
    [_fT, _rT, _sO, _sB],
    [0, 0, 0, 0]
];
var FindingTypeAggregationResponse$ = [3, n0, _FTAR,
    0,
    [_aI, _sC, _eAC, _fAC, _cP, _cAI, _cOI, _cR, _cPl],
    [0, () => SeverityCounts$, 1, 1, 0, 0, 0, 0, 0]
];
var FreeTrialAccountInfo$ = [3, n0, _FTAI,
    0,
    [_aI, _fTI],
    [0, () => FreeTrialInfoList], 2
];
var FreeTrialInfo$ = [3, n0, _FTI,
    0,
    [_ty, _star, _en, _st, _cP],
    [0, 4, 4, 0, 0], 4
];
var FreeTrialInfoError$ = [3, n0, _FTIE,
    0,
    [_aI, _cod, _m],
    [0, 0, 0], 3
];
var GetCisScanReportRequest$ = [3, n0, _GCSRR,
    0,
    [_sAc, _tA, _rF],
    [0, 64 | 0, 0], 1
];
var GetCisScanReportResponse$ = [3, n0, _GCSRRe,
    0,
    [_u, _st],
    [0, 0]
];
var GetCisScanResultDetailsRequest$ = [3, n0, _GCSRDR,
    0,
    [_sAc, _tRI, _aI, _fCi, _sB, _sO, _nT, _mR],
    [0, 0, 0, () => CisScanResultDetailsFilterCriteria$, 0, 0, 0, 1], 3
];
var GetCisScanResultDetailsResponse$ = [3, n0, _GCSRDRe,
    0,
    [_sRD, _nT],
    [() => CisScanResultDetailsList, 0]
];
var GetClustersForImageRequest$ = [3, n0, _GCFIR,
    0,
    [_fi, _mR, _nT],
    [() => ClusterForImageFilterCriteria$, 1, 0], 1
];
var GetClustersForImageResponse$ = [3, n0, _GCFIRe,
    0,
    [_cl, _nT],
    [() => ClusterInformationList, 0], 1
];
var GetCodeSecurityIntegrationRequest$ = [3, n0, _GCSIR,
    0,
    [_iA, _ta],
    [0, 128 | 0], 1
];
var GetCodeSecurityIntegrationResponse$ = [3, n0, _GCSIRe,
    0,
    [_iA, _na, _ty, _st, _sR, _cO, _lUO, _ta, _aU],
    [0, 0, 0, 0, 0, 4, 4, 128 | 0, [() => AuthorizationUrl, 0]], 7
];
var GetCodeSecurityScanConfigurationRequest$ = [3, n0, _GCSSCR,
    0,
    [_sCA],
    [0], 1
];
var GetCodeSecurityScanConfigurationResponse$ = [3, n0, _GCSSCRe,
    0,
    [_sCA, _na, _conf, _le, _sSco, _cAr, _lUA, _ta],
    [0, 0, () => CodeSecurityScanConfiguration$, 0, () => ScopeSettings$, 4, 4, 128 | 0]
];
var GetCodeSecurityScanRequest$ = [3, n0, _GCSSR,
    0,
    [_re, _sIc],
    [() => CodeSecurityResource$, 0], 2
];
var GetCodeSecurityScanResponse$ = [3, n0, _GCSSRe,
    0,
    [_sIc, _re, _aI, _st, _sR, _cAr, _uA, _lCI],
    [0, () => CodeSecurityResource$, 0, 0, 0, 4, 4, 0]
];
var GetConfigurationRequest$ = [3, n0, _GCR,
    0,
    [_aI],
    [0]
];
var GetConfigurationResponse$ = [3, n0, _GCRe,
    0,
    [_eCc, _eCco],
    [() => EcrConfigurationState$, () => Ec2ConfigurationState$]
];
var GetDelegatedAdminAccountRequest$ = [3, n0, _GDAAR,
    0,
    [],
    []
];
var GetDelegatedAdminAccountResponse$ = [3, n0, _GDAARe,
    0,
    [_dAe],
    [() => DelegatedAdmin$]
];
var GetEc2DeepInspectionConfigurationRequest$ = [3, n0, _GEDICR,
    0,
    [],
    []
];
var GetEc2DeepInspectionConfigurationResponse$ = [3, n0, _GEDICRe,
    0,
    [_pPa, _oPP, _st, _eM],
    [64 | 0, 64 | 0, 0, 0]
];
var GetEncryptionKeyRequest$ = [3, n0, _GEKR,
    0,
    [_sT, _rT],
    [[0, { [_hQ]: _sT }], [0, { [_hQ]: _rT }]], 2
];
var GetEncryptionKeyResponse$ = [3, n0, _GEKRe,
    0,
    [_kKI],
    [0], 1
];
var GetFindingsReportStatusRequest$ = [3, n0, _GFRSR,
    0,
    [_rIep],
    [0]
];
var GetFindingsReportStatusResponse$ = [3, n0, _GFRSRe,
    0,
    [_rIep, _st, _eC, _eM, _des, _fCi],
    [0, 0, 0, 0, () => Destination$, () => FilterCriteria$]
];
var GetMemberRequest$ = [3, n0, _GMR,
    0,
    [_aI],
    [0], 1
];
var GetMemberResponse$ = [3, n0, _GMRe,
    0,
    [_mem],
    [() => Member$]
];
var GetSbomExportRequest$ = [3, n0, _GSER,
    0,
    [_rIep],
    [0], 1
];
var GetSbomExportResponse$ = [3, n0, _GSERe,
    0,
    [_rIep, _fo, _st, _eC, _eM, _sDe, _fCi],
    [0, 0, 0, 0, 0, () => Destination$, () => ResourceFilterCriteria$]
];
var Image$ = [3, n0, _I,
    0,
    [_rN, _reg, _iT, _iDm, _pA, _arc, _au, _iUC, _lIUA, _p],
    [0, 0, 64 | 0, 0, 4, 0, 0, 1, 4, 0]
];
var ImageLayerAggregation$ = [3, n0, _ILA,
    0,
    [_rep, _rIe, _lH, _cPlo, _cAIl, _cOIl, _cRl, _cPlou, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, 0, 0]
];
var ImageLayerAggregationResponse$ = [3, n0, _ILAR,
    0,
    [_repo, _rI, _lHa, _aI, _cP, _cAI, _cOI, _cR, _cPl, _sC],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, () => SeverityCounts$], 4
];
var InspectorScoreDetails$ = [3, n0, _ISD,
    0,
    [_aC],
    [() => CvssScoreDetails$]
];
var LambdaFunctionAggregation$ = [3, n0, _LFA,
    0,
    [_rIe, _fNu, _run, _fTu, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => MapFilterList, 0, 0]
];
var LambdaFunctionAggregationResponse$ = [3, n0, _LFAR,
    0,
    [_rI, _fN, _ru, _lT, _aI, _sC, _lMA],
    [0, 0, 0, 128 | 0, 0, () => SeverityCounts$, 4], 1
];
var LambdaFunctionMetadata$ = [3, n0, _LFM,
    0,
    [_fTu, _la, _fN, _ru],
    [128 | 0, 64 | 0, 0, 0]
];
var LambdaLayerAggregation$ = [3, n0, _LLA,
    0,
    [_fNu, _rIe, _lAa, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, 0, 0]
];
var LambdaLayerAggregationResponse$ = [3, n0, _LLAR,
    0,
    [_fN, _rI, _lAay, _aI, _sC],
    [0, 0, 0, 0, () => SeverityCounts$], 4
];
var LambdaVpcConfig$ = [3, n0, _LVC,
    0,
    [_sIu, _sGI, _vI],
    [64 | 0, 64 | 0, 0]
];
var ListAccountPermissionsRequest$ = [3, n0, _LAPR,
    0,
    [_ser, _mR, _nT],
    [0, 1, 0]
];
var ListAccountPermissionsResponse$ = [3, n0, _LAPRi,
    0,
    [_pe, _nT],
    [() => Permissions, 0], 1
];
var ListCisScanConfigurationsFilterCriteria$ = [3, n0, _LCSCFC,
    0,
    [_sNF, _tRTF, _sCAF],
    [() => CisScanNameFilterList, () => ResourceTagFilterList, () => CisScanConfigurationArnFilterList]
];
var ListCisScanConfigurationsRequest$ = [3, n0, _LCSCR,
    0,
    [_fCi, _sB, _sO, _nT, _mR],
    [() => ListCisScanConfigurationsFilterCriteria$, 0, 0, 0, 1]
];
var ListCisScanConfigurationsResponse$ = [3, n0, _LCSCRi,
    0,
    [_sCcan, _nT],
    [() => CisScanConfigurationList, 0]
];
var ListCisScanResultsAggregatedByChecksRequest$ = [3, n0, _LCSRABCR,
    0,
    [_sAc, _fCi, _sB, _sO, _nT, _mR],
    [0, () => CisScanResultsAggregatedByChecksFilterCriteria$, 0, 0, 0, 1], 1
];
var ListCisScanResultsAggregatedByChecksResponse$ = [3, n0, _LCSRABCRi,
    0,
    [_cAh, _nT],
    [() => CisCheckAggregationList, 0]
];
var ListCisScanResultsAggregatedByTargetResourceRequest$ = [3, n0, _LCSRABTRR,
    0,
    [_sAc, _fCi, _sB, _sO, _nT, _mR],
    [0, () => CisScanResultsAggregatedByTargetResourceFilterCriteria$, 0, 0, 0, 1], 1
];
var ListCisScanResultsAggregatedByTargetResourceResponse$ = [3, n0, _LCSRABTRRi,
    0,
    [_tRA, _nT],
    [() => CisTargetResourceAggregationList, 0]
];
var ListCisScansFilterCriteria$ = [3, n0, _LCSFC,
    0,
    [_sNF, _tRTF, _tRIF, _sSF, _sAF, _sCAF, _sAFc, _sBF, _fCF, _tAIF],
    [() => CisScanNameFilterList, () => ResourceTagFilterList, () => ResourceIdFilterList, () => CisScanStatusFilterList, () => CisScanDateFilterList, () => CisScanConfigurationArnFilterList, () => CisScanArnFilterList, () => CisScheduledByFilterList, () => CisNumberFilterList, () => AccountIdFilterList]
];
var ListCisScansRequest$ = [3, n0, _LCSR,
    0,
    [_fCi, _dL, _sB, _sO, _nT, _mR],
    [() => ListCisScansFilterCriteria$, 0, 0, 0, 0, 1]
];
var ListCisScansResponse$ = [3, n0, _LCSRi,
    0,
    [_sca, _nT],
    [() => CisScanList, 0]
];
var ListCodeSecurityIntegrationsRequest$ = [3, n0, _LCSIR,
    0,
    [_nT, _mR],
    [[0, { [_hQ]: _nT }], [1, { [_hQ]: _mR }]]
];
var ListCodeSecurityIntegrationsResponse$ = [3, n0, _LCSIRi,
    0,
    [_i, _nT],
    [() => IntegrationSummaries, 0]
];
var ListCodeSecurityScanConfigurationAssociationsRequest$ = [3, n0, _LCSSCAR,
    0,
    [_sCA, _nT, _mR],
    [0, [0, { [_hQ]: _nT }], [1, { [_hQ]: _mR }]], 1
];
var ListCodeSecurityScanConfigurationAssociationsResponse$ = [3, n0, _LCSSCARi,
    0,
    [_as, _nT],
    [() => CodeSecurityScanConfigurationAssociationSummaries, 0]
];
var ListCodeSecurityScanConfigurationsRequest$ = [3, n0, _LCSSCR,
    0,
    [_nT, _mR],
    [[0, { [_hQ]: _nT }], [1, { [_hQ]: _mR }]]
];
var ListCodeSecurityScanConfigurationsResponse$ = [3, n0, _LCSSCRi,
    0,
    [_confi, _nT],
    [() => CodeSecurityScanConfigurationSummaries, 0]
];
var ListConnectorScanConfigurationsRequest$ = [3, n0, _LCSCRis,
    0,
    [_aCCAw, _mR, _nT],
    [64 | 0, 1, [() => ConnectorNextToken, 0]]
];
var ListConnectorScanConfigurationsResponse$ = [3, n0, _LCSCRist,
    0,
    [_sCcan, _nT],
    [() => ConnectorScanConfigurationItemList, [() => ConnectorNextToken, 0]], 1
];
var ListConnectorsRequest$ = [3, n0, _LCR,
    0,
    [_mR, _nT, _fCi],
    [1, [() => ConnectorNextToken, 0], () => ConnectorFilterCriteria$]
];
var ListConnectorsResponse$ = [3, n0, _LCRi,
    0,
    [_it, _nT],
    [() => ConnectorList, [() => ConnectorNextToken, 0]], 1
];
var ListCoverageRequest$ = [3, n0, _LCRis,
    0,
    [_mR, _nT, _fCi],
    [1, 0, () => CoverageFilterCriteria$]
];
var ListCoverageResponse$ = [3, n0, _LCRist,
    0,
    [_nT, _cRov],
    [0, () => CoveredResources]
];
var ListCoverageStatisticsRequest$ = [3, n0, _LCSRis,
    0,
    [_fCi, _gB, _nT],
    [() => CoverageFilterCriteria$, 0, 0]
];
var ListCoverageStatisticsResponse$ = [3, n0, _LCSRist,
    0,
    [_tCo, _cBG, _nT],
    [1, () => CountsList, 0], 1
];
var ListDelegatedAdminAccountsRequest$ = [3, n0, _LDAAR,
    0,
    [_mR, _nT],
    [1, 0]
];
var ListDelegatedAdminAccountsResponse$ = [3, n0, _LDAARi,
    0,
    [_dAA, _nT],
    [() => DelegatedAdminAccountList, 0]
];
var ListFiltersRequest$ = [3, n0, _LFR,
    0,
    [_arns, _act, _nT, _mR],
    [64 | 0, 0, 0, 1]
];
var ListFiltersResponse$ = [3, n0, _LFRi,
    0,
    [_fil, _nT],
    [() => FilterList, 0], 1
];
var ListFindingAggregationsRequest$ = [3, n0, _LFARi,
    0,
    [_aTg, _nT, _mR, _aIc, _aRg],
    [0, 0, 1, () => StringFilterList, () => AggregationRequest$], 1
];
var ListFindingAggregationsResponse$ = [3, n0, _LFARis,
    0,
    [_aTg, _resp, _nT],
    [0, () => AggregationResponseList, 0], 1
];
var ListFindingsRequest$ = [3, n0, _LFRis,
    0,
    [_mR, _nT, _fCi, _sCo],
    [1, 0, () => FilterCriteria$, () => SortCriteria$]
];
var ListFindingsResponse$ = [3, n0, _LFRist,
    0,
    [_nT, _fin],
    [0, () => FindingList]
];
var ListMembersRequest$ = [3, n0, _LMR,
    0,
    [_oA, _mR, _nT],
    [2, 1, 0]
];
var ListMembersResponse$ = [3, n0, _LMRi,
    0,
    [_memb, _nT],
    [() => MemberList, 0]
];
var ListTagsForResourceRequest$ = [3, n0, _LTFRR,
    0,
    [_rA],
    [[0, 1]], 1
];
var ListTagsForResourceResponse$ = [3, n0, _LTFRRi,
    0,
    [_ta],
    [128 | 0]
];
var ListUsageTotalsRequest$ = [3, n0, _LUTR,
    0,
    [_mR, _nT, _aIc],
    [1, 0, 64 | 0]
];
var ListUsageTotalsResponse$ = [3, n0, _LUTRi,
    0,
    [_nT, _tot],
    [0, () => UsageTotalList]
];
var MapFilter$ = [3, n0, _MF,
    0,
    [_co, _k, _v],
    [0, 0, 0], 2
];
var Member$ = [3, n0, _M,
    0,
    [_aI, _rSel, _dAAI, _uA],
    [0, 0, 0, 4]
];
var MemberAccountEc2DeepInspectionStatus$ = [3, n0, _MAEDIS,
    0,
    [_aI, _aDI],
    [0, 2], 2
];
var MemberAccountEc2DeepInspectionStatusState$ = [3, n0, _MAEDISS,
    0,
    [_aI, _st, _eM],
    [0, 0, 0], 1
];
var MonthlySchedule$ = [3, n0, _MS,
    0,
    [_sTt, _da],
    [() => Time$, 0], 2
];
var NetworkPath$ = [3, n0, _NP,
    0,
    [_ste],
    [() => StepList]
];
var NetworkReachabilityDetails$ = [3, n0, _NRD,
    0,
    [_oPR, _prot, _nPe],
    [() => PortRange$, 0, () => NetworkPath$], 3
];
var NumberFilter$ = [3, n0, _NF,
    0,
    [_uI, _lI],
    [1, 1]
];
var OneTimeSchedule$ = [3, n0, _OTS,
    0,
    [],
    []
];
var PackageAggregation$ = [3, n0, _PA,
    0,
    [_pNa, _sO, _sB],
    [() => StringFilterList, 0, 0]
];
var PackageAggregationResponse$ = [3, n0, _PAR,
    0,
    [_pNac, _aI, _sC],
    [0, 0, () => SeverityCounts$], 1
];
var PackageFilter$ = [3, n0, _PF,
    0,
    [_na, _ve, _epo, _rel, _arc, _sLH, _sLLA, _fP],
    [() => StringFilter$, () => StringFilter$, () => NumberFilter$, () => StringFilter$, () => StringFilter$, () => StringFilter$, () => StringFilter$, () => StringFilter$]
];
var PackageVulnerabilityDetails$ = [3, n0, _PVD,
    0,
    [_vIu, _so, _vP, _cv, _rV, _sU, _vSe, _vCA, _vUA, _rU],
    [0, 0, () => VulnerablePackageList, () => CvssScoreList, 64 | 0, 0, 0, 4, 4, 64 | 0], 2
];
var PeriodicScanConfiguration$ = [3, n0, _PSC,
    0,
    [_fr, _fE],
    [0, 0]
];
var Permission$ = [3, n0, _P,
    0,
    [_ser, _o],
    [0, 0], 2
];
var PortRange$ = [3, n0, _PR,
    0,
    [_b, _en],
    [1, 1], 2
];
var PortRangeFilter$ = [3, n0, _PRF,
    0,
    [_bI, _eI],
    [1, 1]
];
var ProjectCodeSecurityScanConfiguration$ = [3, n0, _PCSSC,
    0,
    [_pSCe, _cISCo],
    [() => ProjectPeriodicScanConfigurationList, () => ProjectContinuousIntegrationScanConfigurationList]
];
var ProjectContinuousIntegrationScanConfiguration$ = [3, n0, _PCISC,
    0,
    [_sEu, _rSC],
    [0, 64 | 0]
];
var ProjectPeriodicScanConfiguration$ = [3, n0, _PPSC,
    0,
    [_fE, _rSC],
    [0, 64 | 0]
];
var ProviderFilter$ = [3, n0, _PFr,
    0,
    [_co, _v],
    [0, 0], 2
];
var Recommendation$ = [3, n0, _R,
    0,
    [_te, _U],
    [0, 0]
];
var Remediation$ = [3, n0, _Re,
    0,
    [_rec],
    [() => Recommendation$]
];
var RepositoryAggregation$ = [3, n0, _RAe,
    0,
    [_rep, _sO, _sB],
    [() => StringFilterList, 0, 0]
];
var RepositoryAggregationResponse$ = [3, n0, _RAR,
    0,
    [_repo, _aI, _cP, _cPl, _cR, _cOI, _cAI, _sC, _aIff],
    [0, 0, 0, 0, 0, 0, 0, () => SeverityCounts$, 1], 1
];
var ResetEncryptionKeyRequest$ = [3, n0, _REKR,
    0,
    [_sT, _rT],
    [0, 0], 2
];
var ResetEncryptionKeyResponse$ = [3, n0, _REKRe,
    0,
    [],
    []
];
var Resource$ = [3, n0, _Res,
    0,
    [_ty, _id, _pa, _regio, _ta, _de, _pro, _pAI, _pOI],
    [0, 0, 0, 0, 128 | 0, () => ResourceDetails$, 0, 0, 0], 2
];
var ResourceDetails$ = [3, n0, _RD,
    0,
    [_aEI, _aECI, _aLF, _cRo, _vm, _im, _sFe],
    [() => AwsEc2InstanceDetails$, () => AwsEcrContainerImageDetails$, () => AwsLambdaFunctionDetails$, () => CodeRepositoryDetails$, () => Vm$, () => Image$, () => ServerlessFunction$]
];
var ResourceFilterCriteria$ = [3, n0, _RFC,
    0,
    [_aI, _rI, _rT, _eRN, _lFN, _eIT, _eITc, _lFT],
    [() => ResourceStringFilterList, () => ResourceStringFilterList, () => ResourceStringFilterList, () => ResourceStringFilterList, () => ResourceStringFilterList, () => ResourceStringFilterList, () => ResourceMapFilterList, () => ResourceMapFilterList]
];
var ResourceMapFilter$ = [3, n0, _RMF,
    0,
    [_co, _k, _v],
    [0, 0, 0], 2
];
var ResourceScanMetadata$ = [3, n0, _RSM,
    0,
    [_eRc, _eIc, _ec, _lF, _cRo, _vIm, _cIon, _cRon, _cRont, _sFe],
    [() => EcrRepositoryMetadata$, () => EcrContainerImageMetadata$, () => Ec2Metadata$, () => LambdaFunctionMetadata$, () => CodeRepositoryMetadata$, () => VmInstanceMetadata$, () => ContainerImageMetadata$, () => ContainerRepositoryMetadata$, () => ContainerRegistryMetadata$, () => ServerlessFunctionMetadata$]
];
var ResourceState$ = [3, n0, _RS,
    0,
    [_ec, _ecr, _l, _lC, _cRo],
    [() => State$, () => State$, () => State$, () => State$, () => State$], 2
];
var ResourceStatus$ = [3, n0, _RSe,
    0,
    [_ec, _ecr, _l, _lC, _cRo],
    [0, 0, 0, 0, 0], 2
];
var ResourceStringFilter$ = [3, n0, _RSF,
    0,
    [_co, _v],
    [0, 0], 2
];
var ScanStatus$ = [3, n0, _SS,
    0,
    [_sCta, _r],
    [0, 0], 2
];
var ScopeConfiguration$ = [3, n0, _SC,
    0,
    [_sTc, _sVc, _sta, _sRt],
    [0, 64 | 0, 0, 0], 1
];
var ScopeConfigurationInput$ = [3, n0, _SCI,
    0,
    [_sTc, _sVc],
    [0, 64 | 0], 1
];
var ScopeSettings$ = [3, n0, _SSc,
    0,
    [_pSS],
    [0]
];
var SearchVulnerabilitiesFilterCriteria$ = [3, n0, _SVFC,
    0,
    [_vIul],
    [64 | 0], 1
];
var SearchVulnerabilitiesRequest$ = [3, n0, _SVR,
    0,
    [_fCi, _nT],
    [() => SearchVulnerabilitiesFilterCriteria$, 0], 1
];
var SearchVulnerabilitiesResponse$ = [3, n0, _SVRe,
    0,
    [_vu, _nT],
    [() => Vulnerabilities, 0], 1
];
var SendCisSessionHealthRequest$ = [3, n0, _SCSHR,
    0,
    [_sJI, _sTe],
    [0, 0], 2
];
var SendCisSessionHealthResponse$ = [3, n0, _SCSHRe,
    0,
    [],
    []
];
var SendCisSessionTelemetryRequest$ = [3, n0, _SCSTR,
    0,
    [_sJI, _sTe, _mes],
    [0, 0, () => CisSessionMessages], 3
];
var SendCisSessionTelemetryResponse$ = [3, n0, _SCSTRe,
    0,
    [],
    []
];
var ServerlessFunction$ = [3, n0, _SF,
    0,
    [_sFN, _ru, _ve, _cDo, _lMA, _nI, _sIu, _sGI, _eRx, _pT, _ar, _la],
    [0, 0, 0, 0, 4, 0, 64 | 0, 64 | 0, 0, 0, 64 | 0, 64 | 0]
];
var ServerlessFunctionAggregation$ = [3, n0, _SFA,
    0,
    [_rIe, _fNu, _run, _fTu, _cPlo, _cPlou, _cRl, _cOIl, _cAIl, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => StringFilterList, () => MapFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, 0, 0]
];
var ServerlessFunctionAggregationResponse$ = [3, n0, _SFAR,
    0,
    [_rI, _cP, _cAI, _cPl, _cR, _cOI, _fN, _ru, _ta, _aI, _sC, _lMA, _eAAFC, _fAAFC],
    [0, 0, 0, 0, 0, 0, 0, 0, 128 | 0, 0, () => SeverityCounts$, 4, 1, 1], 1
];
var ServerlessFunctionMetadata$ = [3, n0, _SFM,
    0,
    [_sFN, _ru, _fTu],
    [0, 0, 128 | 0]
];
var SeverityCounts$ = [3, n0, _SCe,
    0,
    [_al, _med, _hi, _cri],
    [1, 1, 1, 1]
];
var SortCriteria$ = [3, n0, _SCo,
    0,
    [_fie, _sO],
    [0, 0], 2
];
var StartCisSessionMessage$ = [3, n0, _SCSM,
    0,
    [_sTe],
    [0], 1
];
var StartCisSessionRequest$ = [3, n0, _SCSR,
    0,
    [_sJI, _m],
    [0, () => StartCisSessionMessage$], 2
];
var StartCisSessionResponse$ = [3, n0, _SCSRt,
    0,
    [],
    []
];
var StartCodeSecurityScanRequest$ = [3, n0, _SCSSR,
    0,
    [_re, _cTl],
    [() => CodeSecurityResource$, [0, 4]], 1
];
var StartCodeSecurityScanResponse$ = [3, n0, _SCSSRt,
    0,
    [_sIc, _st],
    [0, 0]
];
var State$ = [3, n0, _S,
    0,
    [_st, _eC, _eM],
    [0, 0, 0], 3
];
var StatusCounts$ = [3, n0, _SCt,
    0,
    [_fa, _sk, _pas],
    [1, 1, 1]
];
var Step$ = [3, n0, _St,
    0,
    [_cIo, _cTo, _cAom],
    [0, 0, 0], 2
];
var StopCisMessageProgress$ = [3, n0, _SCMP,
    0,
    [_tC, _sCu, _fC, _nEC, _uC, _nAC, _iC, _eCr],
    [1, 1, 1, 1, 1, 1, 1, 1]
];
var StopCisSessionMessage$ = [3, n0, _SCSMt,
    0,
    [_st, _prog, _r, _cPo, _bV, _bP],
    [0, () => StopCisMessageProgress$, 0, () => ComputePlatform$, 0, 0], 2
];
var StopCisSessionRequest$ = [3, n0, _SCSRto,
    0,
    [_sJI, _sTe, _m],
    [0, 0, () => StopCisSessionMessage$], 3
];
var StopCisSessionResponse$ = [3, n0, _SCSRtop,
    0,
    [],
    []
];
var StringFilter$ = [3, n0, _SFt,
    0,
    [_co, _v],
    [0, 0], 2
];
var SuccessfulAssociationResult$ = [3, n0, _SAR,
    0,
    [_sCA, _re],
    [0, () => CodeSecurityResource$]
];
var SuggestedFix$ = [3, n0, _SFu,
    0,
    [_d, _cod],
    [0, 0]
];
var TagFilter$ = [3, n0, _TF,
    0,
    [_co, _k, _v],
    [0, 0, 0], 3
];
var TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_rA, _ta],
    [[0, 1], 128 | 0], 2
];
var TagResourceResponse$ = [3, n0, _TRRa,
    0,
    [],
    []
];
var Time$ = [3, n0, _T,
    0,
    [_tOD, _tim],
    [0, 0], 2
];
var TitleAggregation$ = [3, n0, _TA,
    0,
    [_tit, _vIul, _rT, _fT, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, 0, 0, 0, 0]
];
var TitleAggregationResponse$ = [3, n0, _TAR,
    0,
    [_ti, _vIu, _aI, _sC],
    [0, 0, 0, () => SeverityCounts$], 1
];
var UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_rA, _tK],
    [[0, 1], [64 | 0, { [_hQ]: _tK }]], 2
];
var UntagResourceResponse$ = [3, n0, _URRn,
    0,
    [],
    []
];
var UpdateCisScanConfigurationRequest$ = [3, n0, _UCSCR,
    0,
    [_sCA, _sN, _sL, _sc, _t],
    [0, 0, 0, () => Schedule$, () => UpdateCisTargets$], 1
];
var UpdateCisScanConfigurationResponse$ = [3, n0, _UCSCRp,
    0,
    [_sCA],
    [0], 1
];
var UpdateCisTargets$ = [3, n0, _UCT,
    0,
    [_aIc, _tRT],
    [64 | 0, [2, n0, _TRT, 0, 0, 64 | 0]]
];
var UpdateCodeSecurityIntegrationRequest$ = [3, n0, _UCSIR,
    0,
    [_iA, _de],
    [0, [() => UpdateIntegrationDetails$, 0]], 2
];
var UpdateCodeSecurityIntegrationResponse$ = [3, n0, _UCSIRp,
    0,
    [_iA, _st],
    [0, 0], 2
];
var UpdateCodeSecurityScanConfigurationRequest$ = [3, n0, _UCSSCR,
    0,
    [_sCA, _conf],
    [0, () => CodeSecurityScanConfiguration$], 2
];
var UpdateCodeSecurityScanConfigurationResponse$ = [3, n0, _UCSSCRp,
    0,
    [_sCA],
    [0]
];
var UpdateConfigurationInheritance$ = [3, n0, _UCI,
    0,
    [_eCco, _eCc],
    [0, 0]
];
var UpdateConfigurationRequest$ = [3, n0, _UCR,
    0,
    [_aI, _eCc, _eCco, _uCI],
    [0, () => EcrConfiguration$, () => Ec2Configuration$, () => UpdateConfigurationInheritance$]
];
var UpdateConfigurationResponse$ = [3, n0, _UCRp,
    0,
    [],
    []
];
var UpdateConnectorRequest$ = [3, n0, _UCRpd,
    0,
    [_cAo, _d, _pDr],
    [0, 0, () => ProviderDetailUpdate$], 1
];
var UpdateConnectorResponse$ = [3, n0, _UCRpda,
    0,
    [_cAo],
    [0]
];
var UpdateConnectorScanConfigurationRequest$ = [3, n0, _UCSCRpd,
    0,
    [_aCCA, _sCca],
    [0, () => ConnectorScanConfiguration$], 2
];
var UpdateConnectorScanConfigurationResponse$ = [3, n0, _UCSCRpda,
    0,
    [],
    []
];
var UpdateEc2DeepInspectionConfigurationRequest$ = [3, n0, _UEDICR,
    0,
    [_aDI, _pPa],
    [2, 64 | 0]
];
var UpdateEc2DeepInspectionConfigurationResponse$ = [3, n0, _UEDICRp,
    0,
    [_pPa, _oPP, _st, _eM],
    [64 | 0, 64 | 0, 0, 0]
];
var UpdateEncryptionKeyRequest$ = [3, n0, _UEKR,
    0,
    [_kKI, _sT, _rT],
    [0, 0, 0], 3
];
var UpdateEncryptionKeyResponse$ = [3, n0, _UEKRp,
    0,
    [],
    []
];
var UpdateFilterRequest$ = [3, n0, _UFR,
    0,
    [_fAil, _act, _d, _fCi, _na, _r],
    [0, 0, 0, () => FilterCriteria$, 0, 0], 1
];
var UpdateFilterResponse$ = [3, n0, _UFRp,
    0,
    [_arn],
    [0], 1
];
var UpdateGitHubIntegrationDetail$ = [3, n0, _UGHID,
    0,
    [_cod, _iInst],
    [[() => GitHubAuthCode, 0], 0], 2
];
var UpdateGitLabSelfManagedIntegrationDetail$ = [3, n0, _UGLSMID,
    0,
    [_aCu],
    [[() => GitLabAuthCode, 0]], 1
];
var UpdateOrganizationConfigurationRequest$ = [3, n0, _UOCR,
    0,
    [_aE],
    [() => AutoEnable$], 1
];
var UpdateOrganizationConfigurationResponse$ = [3, n0, _UOCRp,
    0,
    [_aE],
    [() => AutoEnable$], 1
];
var UpdateOrgEc2DeepInspectionConfigurationRequest$ = [3, n0, _UOEDICR,
    0,
    [_oPP],
    [64 | 0], 1
];
var UpdateOrgEc2DeepInspectionConfigurationResponse$ = [3, n0, _UOEDICRp,
    0,
    [],
    []
];
var Usage$ = [3, n0, _Us,
    0,
    [_ty, _tota, _eMC, _cu, _cP],
    [0, 1, 1, 0, 0]
];
var UsageTotal$ = [3, n0, _UT,
    0,
    [_aI, _us],
    [0, () => UsageList]
];
var ValidationExceptionField$ = [3, n0, _VEF,
    0,
    [_na, _m],
    [0, 0], 2
];
var Vm$ = [3, n0, _V,
    0,
    [_ty, _vN, _vIR, _iVA, _iVAp, _nI, _sIu, _sGI, _lA, _p, _eRx, _kN],
    [0, 0, 0, 64 | 0, 64 | 0, 0, 64 | 0, 64 | 0, 4, 0, 0, 0]
];
var VmInstanceAggregation$ = [3, n0, _VIA,
    0,
    [_rIe, _oS, _iTn, _vIRm, _cPlo, _cPlou, _cRl, _cOIl, _cAIl, _sO, _sB],
    [() => StringFilterList, () => StringFilterList, () => MapFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, () => StringFilterList, 0, 0]
];
var VmInstanceAggregationResponse$ = [3, n0, _VIAR,
    0,
    [_rI, _cP, _cAI, _cPl, _cR, _cOI, _vIR, _oSp, _ta, _aI, _sC, _nF, _eAAFC, _fAAFC],
    [0, 0, 0, 0, 0, 0, 0, 0, 128 | 0, 0, () => SeverityCounts$, 1, 1, 1], 1
];
var VmInstanceMetadata$ = [3, n0, _VIM,
    0,
    [_ta, _p, _iHn, _vIR],
    [128 | 0, 0, 0, 0]
];
var VMScannerState$ = [3, n0, _VMSS,
    0,
    [_acti, _aA, _st],
    [2, 4, 0]
];
var Vulnerability$ = [3, n0, _Vu,
    0,
    [_id, _cw, _cDi, _so, _d, _aD, _vSe, _cvs, _cvss, _rV, _cvss_, _vCA, _vUA, _sU, _rU, _eO, _dP, _ep],
    [0, 64 | 0, () => CisaData$, 0, 0, () => AtigData$, 0, () => Cvss4$, () => Cvss3$, 64 | 0, () => Cvss2$, 4, 4, 0, 64 | 0, () => ExploitObserved$, 64 | 0, () => Epss$], 1
];
var VulnerablePackage$ = [3, n0, _VP,
    0,
    [_na, _ve, _sLH, _epo, _rel, _arch, _pM, _fP, _fIV, _rem, _sLLA],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], 2
];
var WeeklySchedule$ = [3, n0, _WS,
    0,
    [_sTt, _day],
    [() => Time$, 64 | 0], 2
];
var AccountIdFilterList = [1, n0, _AIFL,
    0, () => CisStringFilter$
];
var AccountList = [1, n0, _AL,
    0, () => Account$
];
var AccountStateList = [1, n0, _ASL,
    0, () => AccountState$
];
var AggregationResponseList = [1, n0, _ARL,
    0, () => AggregationResponse$
];
var AssociateConfigurationRequestList = [1, n0, _ACRL,
    0, () => AssociateConfigurationRequest$
];
var AwsConfigConnectorArnFilterList = [1, n0, _ACCAFL,
    0, () => AwsConfigConnectorArnFilter$
];
var AwsEksWorkloadInfoList = [1, n0, _AEWIL,
    0, () => AwsEksWorkloadInfo$
];
var CheckIdFilterList = [1, n0, _CIFL,
    0, () => CisStringFilter$
];
var CisCheckAggregationList = [1, n0, _CCAL,
    0, () => CisCheckAggregation$
];
var CisFindingArnFilterList = [1, n0, _CFAFL,
    0, () => CisStringFilter$
];
var CisFindingStatusFilterList = [1, n0, _CFSFL,
    0, () => CisFindingStatusFilter$
];
var CisNumberFilterList = [1, n0, _CNFL,
    0, () => CisNumberFilter$
];
var CisResultStatusFilterList = [1, n0, _CRSFL,
    0, () => CisResultStatusFilter$
];
var CisScanArnFilterList = [1, n0, _CSAFL,
    0, () => CisStringFilter$
];
var CisScanConfigurationArnFilterList = [1, n0, _CSCAFL,
    0, () => CisStringFilter$
];
var CisScanConfigurationList = [1, n0, _CSCL,
    0, () => CisScanConfiguration$
];
var CisScanDateFilterList = [1, n0, _CSDFL,
    0, () => CisDateFilter$
];
var CisScanList = [1, n0, _CSL,
    0, () => CisScan$
];
var CisScanNameFilterList = [1, n0, _CSNFL,
    0, () => CisStringFilter$
];
var CisScanResultDetailsList = [1, n0, _CSRDL,
    0, () => CisScanResultDetails$
];
var CisScanStatusFilterList = [1, n0, _CSSFL,
    0, () => CisScanStatusFilter$
];
var CisScheduledByFilterList = [1, n0, _CSBFL,
    0, () => CisStringFilter$
];
var CisSecurityLevelFilterList = [1, n0, _CSLFL,
    0, () => CisSecurityLevelFilter$
];
var CisSessionMessages = [1, n0, _CSMi,
    0, () => CisSessionMessage$
];
var CisTargetResourceAggregationList = [1, n0, _CTRAL,
    0, () => CisTargetResourceAggregation$
];
var ClusterDetailsList = [1, n0, _CDL,
    0, () => ClusterDetails$
];
var ClusterInformationList = [1, n0, _CIL,
    0, () => ClusterInformation$
];
var CodeLineList = [1, n0, _CLL,
    0, () => CodeLine$
];
var CodeSecurityScanConfigurationAssociationSummaries = [1, n0, _CSSCASo,
    0, () => CodeSecurityScanConfigurationAssociationSummary$
];
var CodeSecurityScanConfigurationSummaries = [1, n0, _CSSCSo,
    0, () => CodeSecurityScanConfigurationSummary$
];
var CodeSnippetErrorList = [1, n0, _CSEL,
    0, () => CodeSnippetError$
];
var CodeSnippetResultList = [1, n0, _CSRL,
    0, () => CodeSnippetResult$
];
var ConnectorArnFilterList = [1, n0, _CAFL,
    0, () => ConnectorArnFilter$
];
var ConnectorList = [1, n0, _CLo,
    0, () => Connector$
];
var ConnectorScanConfigurationItemList = [1, n0, _CSCIL,
    0, () => ConnectorScanConfigurationItem$
];
var ConnectorTypeFilterList = [1, n0, _CTFL,
    0, () => ConnectorTypeFilter$
];
var CountsList = [1, n0, _CLou,
    0, () => Counts$
];
var CoverageDateFilterList = [1, n0, _CDFL,
    0, () => CoverageDateFilter$
];
var CoverageMapFilterList = [1, n0, _CMFL,
    0, () => CoverageMapFilter$
];
var CoverageNumberFilterList = [1, n0, _CNFLo,
    0, () => CoverageNumberFilter$
];
var CoverageStringFilterList = [1, n0, _CSFL,
    0, () => CoverageStringFilter$
];
var CoveredResources = [1, n0, _CRo,
    0, () => CoveredResource$
];
var CvssScoreAdjustmentList = [1, n0, _CSAL,
    0, () => CvssScoreAdjustment$
];
var CvssScoreList = [1, n0, _CSLv,
    0, () => CvssScore$
];
var DateFilterList = [1, n0, _DFL,
    0, () => DateFilter$
];
var DelegatedAdminAccountList = [1, n0, _DAAL,
    0, () => DelegatedAdminAccount$
];
var DisassociateConfigurationRequestList = [1, n0, _DCRL,
    0, () => DisassociateConfigurationRequest$
];
var EvidenceList = [1, n0, _EL,
    0, () => Evidence$
];
var FailedAccountList = [1, n0, _FAL,
    0, () => FailedAccount$
];
var FailedAssociationResultList = [1, n0, _FARL,
    0, () => FailedAssociationResult$
];
var FailedMemberAccountEc2DeepInspectionStatusStateList = [1, n0, _FMAEDISSL,
    0, () => FailedMemberAccountEc2DeepInspectionStatusState$
];
var FilterList = [1, n0, _FL,
    0, () => Filter$
];
var FindingDetails = [1, n0, _FDi,
    0, () => FindingDetail$
];
var FindingDetailsErrorList = [1, n0, _FDEL,
    0, () => FindingDetailsError$
];
var FindingList = [1, n0, _FLi,
    0, () => Finding$
];
var FreeTrialAccountInfoList = [1, n0, _FTAIL,
    0, () => FreeTrialAccountInfo$
];
var FreeTrialInfoErrorList = [1, n0, _FTIEL,
    0, () => FreeTrialInfoError$
];
var FreeTrialInfoList = [1, n0, _FTIL,
    0, () => FreeTrialInfo$
];
var IntegrationSummaries = [1, n0, _IS,
    0, () => CodeSecurityIntegrationSummary$
];
var MapFilterList = [1, n0, _MFL,
    0, () => MapFilter$
];
var MemberAccountEc2DeepInspectionStatusList = [1, n0, _MAEDISL,
    0, () => MemberAccountEc2DeepInspectionStatus$
];
var MemberAccountEc2DeepInspectionStatusStateList = [1, n0, _MAEDISSL,
    0, () => MemberAccountEc2DeepInspectionStatusState$
];
var MemberList = [1, n0, _ML,
    0, () => Member$
];
var NumberFilterList = [1, n0, _NFL,
    0, () => NumberFilter$
];
var OneAccountIdFilterList = [1, n0, _OAIFL,
    0, () => CisStringFilter$
];
var PackageFilterList = [1, n0, _PFL,
    0, () => PackageFilter$
];
var Permissions = [1, n0, _Pe,
    0, () => Permission$
];
var PlatformFilterList = [1, n0, _PFLl,
    0, () => CisStringFilter$
];
var PortRangeFilterList = [1, n0, _PRFL,
    0, () => PortRangeFilter$
];
var ProjectContinuousIntegrationScanConfigurationList = [1, n0, _PCISCL,
    0, () => ProjectContinuousIntegrationScanConfiguration$
];
var ProjectPeriodicScanConfigurationList = [1, n0, _PPSCL,
    0, () => ProjectPeriodicScanConfiguration$
];
var ProviderFilterList = [1, n0, _PFLr,
    0, () => ProviderFilter$
];
var ResourceIdFilterList = [1, n0, _RIFL,
    0, () => CisStringFilter$
];
var ResourceList = [1, n0, _RL,
    0, () => Resource$
];
var ResourceMapFilterList = [1, n0, _RMFL,
    0, () => ResourceMapFilter$
];
var ResourceStringFilterList = [1, n0, _RSFL,
    0, () => ResourceStringFilter$
];
var ResourceTagFilterList = [1, n0, _RTFL,
    0, () => TagFilter$
];
var StepList = [1, n0, _SL,
    0, () => Step$
];
var StringFilterList = [1, n0, _SFL,
    0, () => StringFilter$
];
var SuccessfulAssociationResultList = [1, n0, _SARL,
    0, () => SuccessfulAssociationResult$
];
var SuggestedFixes = [1, n0, _SFug,
    0, () => SuggestedFix$
];
var TargetStatusFilterList = [1, n0, _TSFL,
    0, () => CisTargetStatusFilter$
];
var TargetStatusReasonFilterList = [1, n0, _TSRFL,
    0, () => CisTargetStatusReasonFilter$
];
var TitleFilterList = [1, n0, _TFL,
    0, () => CisStringFilter$
];
var UsageList = [1, n0, _UL,
    0, () => Usage$
];
var UsageTotalList = [1, n0, _UTL,
    0, () => UsageTotal$
];
var ValidationExceptionFields = [1, n0, _VEFa,
    0, () => ValidationExceptionField$
];
var Vulnerabilities = [1, n0, _Vul,
    0, () => Vulnerability$
];
var VulnerablePackageList = [1, n0, _VPL,
    0, () => VulnerablePackage$
];
var AggregationRequest$ = [4, n0, _AR,
    0,
    [_aAc, _aAm, _aECA, _eIAc, _fTA, _iLA, _pAa, _rAe, _tAi, _lLA, _lFA, _cRA, _vIA, _cIAo, _sFA],
    [() => AccountAggregation$, () => AmiAggregation$, () => AwsEcrContainerAggregation$, () => Ec2InstanceAggregation$, () => FindingTypeAggregation$, () => ImageLayerAggregation$, () => PackageAggregation$, () => RepositoryAggregation$, () => TitleAggregation$, () => LambdaLayerAggregation$, () => LambdaFunctionAggregation$, () => CodeRepositoryAggregation$, () => VmInstanceAggregation$, () => ContainerImageAggregation$, () => ServerlessFunctionAggregation$]
];
var AggregationResponse$ = [4, n0, _ARg,
    0,
    [_aAc, _aAm, _aECA, _eIAc, _fTA, _iLA, _pAa, _rAe, _tAi, _lLA, _lFA, _cRA, _vIA, _cIAo, _sFA],
    [() => AccountAggregationResponse$, () => AmiAggregationResponse$, () => AwsEcrContainerAggregationResponse$, () => Ec2InstanceAggregationResponse$, () => FindingTypeAggregationResponse$, () => ImageLayerAggregationResponse$, () => PackageAggregationResponse$, () => RepositoryAggregationResponse$, () => TitleAggregationResponse$, () => LambdaLayerAggregationResponse$, () => LambdaFunctionAggregationResponse$, () => CodeRepositoryAggregationResponse$, () => VmInstanceAggregationResponse$, () => ContainerImageAggregationResponse$, () => ServerlessFunctionAggregationResponse$]
];
var ClusterMetadata$ = [4, n0, _CM,
    0,
    [_aEMD, _aEMDw],
    [() => AwsEcsMetadataDetails$, () => AwsEksMetadataDetails$]
];
var CodeSecurityResource$ = [4, n0, _CSRo,
    0,
    [_pI],
    [0]
];
var CreateIntegrationDetail$ = [4, n0, _CID,
    0,
    [_gSM],
    [[() => CreateGitLabSelfManagedIntegrationDetail$, 0]]
];
var ProviderDetailCreate$ = [4, n0, _PDC,
    0,
    [_az],
    [() => AzureProviderDetailCreate$]
];
var ProviderDetailUpdate$ = [4, n0, _PDU,
    0,
    [_az],
    [() => AzureProviderDetailUpdate$]
];
var Schedule$ = [4, n0, _Sc,
    0,
    [_oT, _dai, _w, _mo],
    [() => OneTimeSchedule$, () => DailySchedule$, () => WeeklySchedule$, () => MonthlySchedule$]
];
var UpdateIntegrationDetails$ = [4, n0, _UID,
    0,
    [_gSM, _g],
    [[() => UpdateGitLabSelfManagedIntegrationDetail$, 0], [() => UpdateGitHubIntegrationDetail$, 0]]
];
var AssociateMember$ = [9, n0, _AM,
    { [_ht]: ["POST", "/members/associate", 200] }, () => AssociateMemberRequest$, () => AssociateMemberResponse$
];
var BatchAssociateCodeSecurityScanConfiguration$ = [9, n0, _BACSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/batch/associate", 200] }, () => BatchAssociateCodeSecurityScanConfigurationRequest$, () => BatchAssociateCodeSecurityScanConfigurationResponse$
];
var BatchDisassociateCodeSecurityScanConfiguration$ = [9, n0, _BDCSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/batch/disassociate", 200] }, () => BatchDisassociateCodeSecurityScanConfigurationRequest$, () => BatchDisassociateCodeSecurityScanConfigurationResponse$
];
var BatchGetAccountStatus$ = [9, n0, _BGAS,
    { [_ht]: ["POST", "/status/batch/get", 200] }, () => BatchGetAccountStatusRequest$, () => BatchGetAccountStatusResponse$
];
var BatchGetCodeSnippet$ = [9, n0, _BGCS,
    { [_ht]: ["POST", "/codesnippet/batchget", 200] }, () => BatchGetCodeSnippetRequest$, () => BatchGetCodeSnippetResponse$
];
var BatchGetFindingDetails$ = [9, n0, _BGFD,
    { [_ht]: ["POST", "/findings/details/batch/get", 200] }, () => BatchGetFindingDetailsRequest$, () => BatchGetFindingDetailsResponse$
];
var BatchGetFreeTrialInfo$ = [9, n0, _BGFTI,
    { [_ht]: ["POST", "/freetrialinfo/batchget", 200] }, () => BatchGetFreeTrialInfoRequest$, () => BatchGetFreeTrialInfoResponse$
];
var BatchGetMemberEc2DeepInspectionStatus$ = [9, n0, _BGMEDIS,
    { [_ht]: ["POST", "/ec2deepinspectionstatus/member/batch/get", 200] }, () => BatchGetMemberEc2DeepInspectionStatusRequest$, () => BatchGetMemberEc2DeepInspectionStatusResponse$
];
var BatchUpdateMemberEc2DeepInspectionStatus$ = [9, n0, _BUMEDIS,
    { [_ht]: ["POST", "/ec2deepinspectionstatus/member/batch/update", 200] }, () => BatchUpdateMemberEc2DeepInspectionStatusRequest$, () => BatchUpdateMemberEc2DeepInspectionStatusResponse$
];
var CancelFindingsReport$ = [9, n0, _CFRa,
    { [_ht]: ["POST", "/reporting/cancel", 200] }, () => CancelFindingsReportRequest$, () => CancelFindingsReportResponse$
];
var CancelSbomExport$ = [9, n0, _CSEa,
    { [_ht]: ["POST", "/sbomexport/cancel", 200] }, () => CancelSbomExportRequest$, () => CancelSbomExportResponse$
];
var CreateCisScanConfiguration$ = [9, n0, _CCSC,
    { [_ht]: ["POST", "/cis/scan-configuration/create", 200] }, () => CreateCisScanConfigurationRequest$, () => CreateCisScanConfigurationResponse$
];
var CreateCodeSecurityIntegration$ = [9, n0, _CCSI,
    { [_ht]: ["POST", "/codesecurity/integration/create", 200] }, () => CreateCodeSecurityIntegrationRequest$, () => CreateCodeSecurityIntegrationResponse$
];
var CreateCodeSecurityScanConfiguration$ = [9, n0, _CCSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/create", 200] }, () => CreateCodeSecurityScanConfigurationRequest$, () => CreateCodeSecurityScanConfigurationResponse$
];
var CreateConnector$ = [9, n0, _CC,
    { [_ht]: ["POST", "/connector/create", 200] }, () => CreateConnectorRequest$, () => CreateConnectorResponse$
];
var CreateFilter$ = [9, n0, _CF,
    { [_ht]: ["POST", "/filters/create", 200] }, () => CreateFilterRequest$, () => CreateFilterResponse$
];
var CreateFindingsReport$ = [9, n0, _CFRre,
    { [_ht]: ["POST", "/reporting/create", 200] }, () => CreateFindingsReportRequest$, () => CreateFindingsReportResponse$
];
var CreateSbomExport$ = [9, n0, _CSEr,
    { [_ht]: ["POST", "/sbomexport/create", 200] }, () => CreateSbomExportRequest$, () => CreateSbomExportResponse$
];
var DeleteCisScanConfiguration$ = [9, n0, _DCSC,
    { [_ht]: ["POST", "/cis/scan-configuration/delete", 200] }, () => DeleteCisScanConfigurationRequest$, () => DeleteCisScanConfigurationResponse$
];
var DeleteCodeSecurityIntegration$ = [9, n0, _DCSI,
    { [_ht]: ["POST", "/codesecurity/integration/delete", 200] }, () => DeleteCodeSecurityIntegrationRequest$, () => DeleteCodeSecurityIntegrationResponse$
];
var DeleteCodeSecurityScanConfiguration$ = [9, n0, _DCSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/delete", 200] }, () => DeleteCodeSecurityScanConfigurationRequest$, () => DeleteCodeSecurityScanConfigurationResponse$
];
var DeleteConnector$ = [9, n0, _DC,
    { [_ht]: ["POST", "/connector/delete", 200] }, () => DeleteConnectorRequest$, () => DeleteConnectorResponse$
];
var DeleteFilter$ = [9, n0, _DFe,
    { [_ht]: ["POST", "/filters/delete", 200] }, () => DeleteFilterRequest$, () => DeleteFilterResponse$
];
var DescribeOrganizationConfiguration$ = [9, n0, _DOC,
    { [_ht]: ["POST", "/organizationconfiguration/describe", 200] }, () => DescribeOrganizationConfigurationRequest$, () => DescribeOrganizationConfigurationResponse$
];
var Disable$ = [9, n0, _Di,
    { [_ht]: ["POST", "/disable", 200] }, () => DisableRequest$, () => DisableResponse$
];
var DisableDelegatedAdminAccount$ = [9, n0, _DDAA,
    { [_ht]: ["POST", "/delegatedadminaccounts/disable", 200] }, () => DisableDelegatedAdminAccountRequest$, () => DisableDelegatedAdminAccountResponse$
];
var DisassociateMember$ = [9, n0, _DM,
    { [_ht]: ["POST", "/members/disassociate", 200] }, () => DisassociateMemberRequest$, () => DisassociateMemberResponse$
];
var Enable$ = [9, n0, _En,
    { [_ht]: ["POST", "/enable", 200] }, () => EnableRequest$, () => EnableResponse$
];
var EnableDelegatedAdminAccount$ = [9, n0, _EDAA,
    { [_ht]: ["POST", "/delegatedadminaccounts/enable", 200] }, () => EnableDelegatedAdminAccountRequest$, () => EnableDelegatedAdminAccountResponse$
];
var GetCisScanReport$ = [9, n0, _GCSR,
    { [_ht]: ["POST", "/cis/scan/report/get", 200] }, () => GetCisScanReportRequest$, () => GetCisScanReportResponse$
];
var GetCisScanResultDetails$ = [9, n0, _GCSRD,
    { [_ht]: ["POST", "/cis/scan-result/details/get", 200] }, () => GetCisScanResultDetailsRequest$, () => GetCisScanResultDetailsResponse$
];
var GetClustersForImage$ = [9, n0, _GCFI,
    { [_ht]: ["POST", "/cluster/get", 200] }, () => GetClustersForImageRequest$, () => GetClustersForImageResponse$
];
var GetCodeSecurityIntegration$ = [9, n0, _GCSI,
    { [_ht]: ["POST", "/codesecurity/integration/get", 200] }, () => GetCodeSecurityIntegrationRequest$, () => GetCodeSecurityIntegrationResponse$
];
var GetCodeSecurityScan$ = [9, n0, _GCSS,
    { [_ht]: ["POST", "/codesecurity/scan/get", 200] }, () => GetCodeSecurityScanRequest$, () => GetCodeSecurityScanResponse$
];
var GetCodeSecurityScanConfiguration$ = [9, n0, _GCSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/get", 200] }, () => GetCodeSecurityScanConfigurationRequest$, () => GetCodeSecurityScanConfigurationResponse$
];
var GetConfiguration$ = [9, n0, _GC,
    { [_ht]: ["POST", "/configuration/get", 200] }, () => GetConfigurationRequest$, () => GetConfigurationResponse$
];
var GetDelegatedAdminAccount$ = [9, n0, _GDAA,
    { [_ht]: ["POST", "/delegatedadminaccounts/get", 200] }, () => GetDelegatedAdminAccountRequest$, () => GetDelegatedAdminAccountResponse$
];
var GetEc2DeepInspectionConfiguration$ = [9, n0, _GEDIC,
    { [_ht]: ["POST", "/ec2deepinspectionconfiguration/get", 200] }, () => GetEc2DeepInspectionConfigurationRequest$, () => GetEc2DeepInspectionConfigurationResponse$
];
var GetEncryptionKey$ = [9, n0, _GEK,
    { [_ht]: ["GET", "/encryptionkey/get", 200] }, () => GetEncryptionKeyRequest$, () => GetEncryptionKeyResponse$
];
var GetFindingsReportStatus$ = [9, n0, _GFRS,
    { [_ht]: ["POST", "/reporting/status/get", 200] }, () => GetFindingsReportStatusRequest$, () => GetFindingsReportStatusResponse$
];
var GetMember$ = [9, n0, _GM,
    { [_ht]: ["POST", "/members/get", 200] }, () => GetMemberRequest$, () => GetMemberResponse$
];
var GetSbomExport$ = [9, n0, _GSE,
    { [_ht]: ["POST", "/sbomexport/get", 200] }, () => GetSbomExportRequest$, () => GetSbomExportResponse$
];
var ListAccountPermissions$ = [9, n0, _LAP,
    { [_ht]: ["POST", "/accountpermissions/list", 200] }, () => ListAccountPermissionsRequest$, () => ListAccountPermissionsResponse$
];
var ListCisScanConfigurations$ = [9, n0, _LCSC,
    { [_ht]: ["POST", "/cis/scan-configuration/list", 200] }, () => ListCisScanConfigurationsRequest$, () => ListCisScanConfigurationsResponse$
];
var ListCisScanResultsAggregatedByChecks$ = [9, n0, _LCSRABC,
    { [_ht]: ["POST", "/cis/scan-result/check/list", 200] }, () => ListCisScanResultsAggregatedByChecksRequest$, () => ListCisScanResultsAggregatedByChecksResponse$
];
var ListCisScanResultsAggregatedByTargetResource$ = [9, n0, _LCSRABTR,
    { [_ht]: ["POST", "/cis/scan-result/resource/list", 200] }, () => ListCisScanResultsAggregatedByTargetResourceRequest$, () => ListCisScanResultsAggregatedByTargetResourceResponse$
];
var ListCisScans$ = [9, n0, _LCS,
    { [_ht]: ["POST", "/cis/scan/list", 200] }, () => ListCisScansRequest$, () => ListCisScansResponse$
];
var ListCodeSecurityIntegrations$ = [9, n0, _LCSI,
    { [_ht]: ["POST", "/codesecurity/integration/list", 200] }, () => ListCodeSecurityIntegrationsRequest$, () => ListCodeSecurityIntegrationsResponse$
];
var ListCodeSecurityScanConfigurationAssociations$ = [9, n0, _LCSSCA,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/associations/list", 200] }, () => ListCodeSecurityScanConfigurationAssociationsRequest$, () => ListCodeSecurityScanConfigurationAssociationsResponse$
];
var ListCodeSecurityScanConfigurations$ = [9, n0, _LCSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/list", 200] }, () => ListCodeSecurityScanConfigurationsRequest$, () => ListCodeSecurityScanConfigurationsResponse$
];
var ListConnectors$ = [9, n0, _LC,
    { [_ht]: ["POST", "/connector/list", 200] }, () => ListConnectorsRequest$, () => ListConnectorsResponse$
];
var ListConnectorScanConfigurations$ = [9, n0, _LCSCi,
    { [_ht]: ["POST", "/connectorscanconfigurations/list", 200] }, () => ListConnectorScanConfigurationsRequest$, () => ListConnectorScanConfigurationsResponse$
];
var ListCoverage$ = [9, n0, _LCi,
    { [_ht]: ["POST", "/coverage/list", 200] }, () => ListCoverageRequest$, () => ListCoverageResponse$
];
var ListCoverageStatistics$ = [9, n0, _LCSi,
    { [_ht]: ["POST", "/coverage/statistics/list", 200] }, () => ListCoverageStatisticsRequest$, () => ListCoverageStatisticsResponse$
];
var ListDelegatedAdminAccounts$ = [9, n0, _LDAA,
    { [_ht]: ["POST", "/delegatedadminaccounts/list", 200] }, () => ListDelegatedAdminAccountsRequest$, () => ListDelegatedAdminAccountsResponse$
];
var ListFilters$ = [9, n0, _LF,
    { [_ht]: ["POST", "/filters/list", 200] }, () => ListFiltersRequest$, () => ListFiltersResponse$
];
var ListFindingAggregations$ = [9, n0, _LFAi,
    { [_ht]: ["POST", "/findings/aggregation/list", 200] }, () => ListFindingAggregationsRequest$, () => ListFindingAggregationsResponse$
];
var ListFindings$ = [9, n0, _LFi,
    { [_ht]: ["POST", "/findings/list", 200] }, () => ListFindingsRequest$, () => ListFindingsResponse$
];
var ListMembers$ = [9, n0, _LM,
    { [_ht]: ["POST", "/members/list", 200] }, () => ListMembersRequest$, () => ListMembersResponse$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    { [_ht]: ["GET", "/tags/{resourceArn}", 200] }, () => ListTagsForResourceRequest$, () => ListTagsForResourceResponse$
];
var ListUsageTotals$ = [9, n0, _LUT,
    { [_ht]: ["POST", "/usage/list", 200] }, () => ListUsageTotalsRequest$, () => ListUsageTotalsResponse$
];
var ResetEncryptionKey$ = [9, n0, _REK,
    { [_ht]: ["PUT", "/encryptionkey/reset", 200] }, () => ResetEncryptionKeyRequest$, () => ResetEncryptionKeyResponse$
];
var SearchVulnerabilities$ = [9, n0, _SV,
    { [_ht]: ["POST", "/vulnerabilities/search", 200] }, () => SearchVulnerabilitiesRequest$, () => SearchVulnerabilitiesResponse$
];
var SendCisSessionHealth$ = [9, n0, _SCSH,
    { [_ht]: ["PUT", "/cissession/health/send", 200] }, () => SendCisSessionHealthRequest$, () => SendCisSessionHealthResponse$
];
var SendCisSessionTelemetry$ = [9, n0, _SCST,
    { [_ht]: ["PUT", "/cissession/telemetry/send", 200] }, () => SendCisSessionTelemetryRequest$, () => SendCisSessionTelemetryResponse$
];
var StartCisSession$ = [9, n0, _SCS,
    { [_ht]: ["PUT", "/cissession/start", 200] }, () => StartCisSessionRequest$, () => StartCisSessionResponse$
];
var StartCodeSecurityScan$ = [9, n0, _SCSS,
    { [_ht]: ["POST", "/codesecurity/scan/start", 200] }, () => StartCodeSecurityScanRequest$, () => StartCodeSecurityScanResponse$
];
var StopCisSession$ = [9, n0, _SCSt,
    { [_ht]: ["PUT", "/cissession/stop", 200] }, () => StopCisSessionRequest$, () => StopCisSessionResponse$
];
var TagResource$ = [9, n0, _TR,
    { [_ht]: ["POST", "/tags/{resourceArn}", 200] }, () => TagResourceRequest$, () => TagResourceResponse$
];
var UntagResource$ = [9, n0, _UR,
    { [_ht]: ["DELETE", "/tags/{resourceArn}", 200] }, () => UntagResourceRequest$, () => UntagResourceResponse$
];
var UpdateCisScanConfiguration$ = [9, n0, _UCSC,
    { [_ht]: ["POST", "/cis/scan-configuration/update", 200] }, () => UpdateCisScanConfigurationRequest$, () => UpdateCisScanConfigurationResponse$
];
var UpdateCodeSecurityIntegration$ = [9, n0, _UCSI,
    { [_ht]: ["POST", "/codesecurity/integration/update", 200] }, () => UpdateCodeSecurityIntegrationRequest$, () => UpdateCodeSecurityIntegrationResponse$
];
var UpdateCodeSecurityScanConfiguration$ = [9, n0, _UCSSC,
    { [_ht]: ["POST", "/codesecurity/scan-configuration/update", 200] }, () => UpdateCodeSecurityScanConfigurationRequest$, () => UpdateCodeSecurityScanConfigurationResponse$
];
var UpdateConfiguration$ = [9, n0, _UC,
    { [_ht]: ["POST", "/configuration/update", 200] }, () => UpdateConfigurationRequest$, () => UpdateConfigurationResponse$
];
var UpdateConnector$ = [9, n0, _UCp,
    { [_ht]: ["POST", "/connector/update", 200] }, () => UpdateConnectorRequest$, () => UpdateConnectorResponse$
];
var UpdateConnectorScanConfiguration$ = [9, n0, _UCSCp,
    { [_ht]: ["POST", "/connectorscanconfiguration/update", 200] }, () => UpdateConnectorScanConfigurationRequest$, () => UpdateConnectorScanConfigurationResponse$
];
var UpdateEc2DeepInspectionConfiguration$ = [9, n0, _UEDIC,
    { [_ht]: ["POST", "/ec2deepinspectionconfiguration/update", 200] }, () => UpdateEc2DeepInspectionConfigurationRequest$, () => UpdateEc2DeepInspectionConfigurationResponse$
];
var UpdateEncryptionKey$ = [9, n0, _UEK,
    { [_ht]: ["PUT", "/encryptionkey/update", 200] }, () => UpdateEncryptionKeyRequest$, () => UpdateEncryptionKeyResponse$
];
var UpdateFilter$ = [9, n0, _UF,
    { [_ht]: ["POST", "/filters/update", 200] }, () => UpdateFilterRequest$, () => UpdateFilterResponse$
];
var UpdateOrganizationConfiguration$ = [9, n0, _UOC,
    { [_ht]: ["POST", "/organizationconfiguration/update", 200] }, () => UpdateOrganizationConfigurationRequest$, () => UpdateOrganizationConfigurationResponse$
];
var UpdateOrgEc2DeepInspectionConfiguration$ = [9, n0, _UOEDIC,
    { [_ht]: ["POST", "/ec2deepinspectionconfiguration/org/update", 200] }, () => UpdateOrgEc2DeepInspectionConfigurationRequest$, () => UpdateOrgEc2DeepInspectionConfigurationResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2020-06-08",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultInspector2HttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsRestJsonProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.inspector2",
            errorTypeRegistries,
            version: "2020-06-08",
            serviceTarget: "Inspector2",
        },
        serviceId: config?.serviceId ?? "Inspector2",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class Inspector2Client extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultInspector2HttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "Inspector2", "Inspector2Client", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class AssociateMemberCommand extends command(_ep0, _mw0, "AssociateMember", AssociateMember$) {
}

class BatchAssociateCodeSecurityScanConfigurationCommand extends command(_ep0, _mw0, "BatchAssociateCodeSecurityScanConfiguration", BatchAssociateCodeSecurityScanConfiguration$) {
}

class BatchDisassociateCodeSecurityScanConfigurationCommand extends command(_ep0, _mw0, "BatchDisassociateCodeSecurityScanConfiguration", BatchDisassociateCodeSecurityScanConfiguration$) {
}

class BatchGetAccountStatusCommand extends command(_ep0, _mw0, "BatchGetAccountStatus", BatchGetAccountStatus$) {
}

class BatchGetCodeSnippetCommand extends command(_ep0, _mw0, "BatchGetCodeSnippet", BatchGetCodeSnippet$) {
}

class BatchGetFindingDetailsCommand extends command(_ep0, _mw0, "BatchGetFindingDetails", BatchGetFindingDetails$) {
}

class BatchGetFreeTrialInfoCommand extends command(_ep0, _mw0, "BatchGetFreeTrialInfo", BatchGetFreeTrialInfo$) {
}

class BatchGetMemberEc2DeepInspectionStatusCommand extends command(_ep0, _mw0, "BatchGetMemberEc2DeepInspectionStatus", BatchGetMemberEc2DeepInspectionStatus$) {
}

class BatchUpdateMemberEc2DeepInspectionStatusCommand extends command(_ep0, _mw0, "BatchUpdateMemberEc2DeepInspectionStatus", BatchUpdateMemberEc2DeepInspectionStatus$) {
}

class CancelFindingsReportCommand extends command(_ep0, _mw0, "CancelFindingsReport", CancelFindingsReport$) {
}

class CancelSbomExportCommand extends command(_ep0, _mw0, "CancelSbomExport", CancelSbomExport$) {
}

class CreateCisScanConfigurationCommand extends command(_ep0, _mw0, "CreateCisScanConfiguration", CreateCisScanConfiguration$) {
}

class CreateCodeSecurityIntegrationCommand extends command(_ep0, _mw0, "CreateCodeSecurityIntegration", CreateCodeSecurityIntegration$) {
}

class CreateCodeSecurityScanConfigurationCommand extends command(_ep0, _mw0, "CreateCodeSecurityScanConfiguration", CreateCodeSecurityScanConfiguration$) {
}

class CreateConnectorCommand extends command(_ep0, _mw0, "CreateConnector", CreateConnector$) {
}

class CreateFilterCommand extends command(_ep0, _mw0, "CreateFilter", CreateFilter$) {
}

class CreateFindingsReportCommand extends command(_ep0, _mw0, "CreateFindingsReport", CreateFindingsReport$) {
}

class CreateSbomExportCommand extends command(_ep0, _mw0, "CreateSbomExport", CreateSbomExport$) {
}

class DeleteCisScanConfigurationCommand extends command(_ep0, _mw0, "DeleteCisScanConfiguration", DeleteCisScanConfiguration$) {
}

class DeleteCodeSecurityIntegrationCommand extends command(_ep0, _mw0, "DeleteCodeSecurityIntegration", DeleteCodeSecurityIntegration$) {
}

class DeleteCodeSecurityScanConfigurationCommand extends command(_ep0, _mw0, "DeleteCodeSecurityScanConfiguration", DeleteCodeSecurityScanConfiguration$) {
}

class DeleteConnectorCommand extends command(_ep0, _mw0, "DeleteConnector", DeleteConnector$) {
}

class DeleteFilterCommand extends command(_ep0, _mw0, "DeleteFilter", DeleteFilter$) {
}

class DescribeOrganizationConfigurationCommand extends command(_ep0, _mw0, "DescribeOrganizationConfiguration", DescribeOrganizationConfiguration$) {
}

class DisableCommand extends command(_ep0, _mw0, "Disable", Disable$) {
}

class DisableDelegatedAdminAccountCommand extends command(_ep0, _mw0, "DisableDelegatedAdminAccount", DisableDelegatedAdminAccount$) {
}

class DisassociateMemberCommand extends command(_ep0, _mw0, "DisassociateMember", DisassociateMember$) {
}

class EnableCommand extends command(_ep0, _mw0, "Enable", Enable$) {
}

class EnableDelegatedAdminAccountCommand extends command(_ep0, _mw0, "EnableDelegatedAdminAccount", EnableDelegatedAdminAccount$) {
}

class GetCisScanReportCommand extends command(_ep0, _mw0, "GetCisScanReport", GetCisScanReport$) {
}

class GetCisScanResultDetailsCommand extends command(_ep0, _mw0, "GetCisScanResultDetails", GetCisScanResultDetails$) {
}

class GetClustersForImageCommand extends command(_ep0, _mw0, "GetClustersForImage", GetClustersForImage$) {
}

class GetCodeSecurityIntegrationCommand extends command(_ep0, _mw0, "GetCodeSecurityIntegration", GetCodeSecurityIntegration$) {
}

class GetCodeSecurityScanCommand extends command(_ep0, _mw0, "GetCodeSecurityScan", GetCodeSecurityScan$) {
}

class GetCodeSecurityScanConfigurationCommand extends command(_ep0, _mw0, "GetCodeSecurityScanConfiguration", GetCodeSecurityScanConfiguration$) {
}

class GetConfigurationCommand extends command(_ep0, _mw0, "GetConfiguration", GetConfiguration$) {
}

class GetDelegatedAdminAccountCommand extends command(_ep0, _mw0, "GetDelegatedAdminAccount", GetDelegatedAdminAccount$) {
}

class GetEc2DeepInspectionConfigurationCommand extends command(_ep0, _mw0, "GetEc2DeepInspectionConfiguration", GetEc2DeepInspectionConfiguration$) {
}

class GetEncryptionKeyCommand extends command(_ep0, _mw0, "GetEncryptionKey", GetEncryptionKey$) {
}

class GetFindingsReportStatusCommand extends command(_ep0, _mw0, "GetFindingsReportStatus", GetFindingsReportStatus$) {
}

class GetMemberCommand extends command(_ep0, _mw0, "GetMember", GetMember$) {
}

class GetSbomExportCommand extends command(_ep0, _mw0, "GetSbomExport", GetSbomExport$) {
}

class ListAccountPermissionsCommand extends command(_ep0, _mw0, "ListAccountPermissions", ListAccountPermissions$) {
}

class ListCisScanConfigurationsCommand extends command(_ep0, _mw0, "ListCisScanConfigurations", ListCisScanConfigurations$) {
}

class ListCisScanResultsAggregatedByChecksCommand extends command(_ep0, _mw0, "ListCisScanResultsAggregatedByChecks", ListCisScanResultsAggregatedByChecks$) {
}

class ListCisScanResultsAggregatedByTargetResourceCommand extends command(_ep0, _mw0, "ListCisScanResultsAggregatedByTargetResource", ListCisScanResultsAggregatedByTargetResource$) {
}

class ListCisScansCommand extends command(_ep0, _mw0, "ListCisScans", ListCisScans$) {
}

class ListCodeSecurityIntegrationsCommand extends command(_ep0, _mw0, "ListCodeSecurityIntegrations", ListCodeSecurityIntegrations$) {
}

class ListCodeSecurityScanConfigurationAssociationsCommand extends command(_ep0, _mw0, "ListCodeSecurityScanConfigurationAssociations", ListCodeSecurityScanConfigurationAssociations$) {
}

class ListCodeSecurityScanConfigurationsCommand extends command(_ep0, _mw0, "ListCodeSecurityScanConfigurations", ListCodeSecurityScanConfigurations$) {
}

class ListConnectorScanConfigurationsCommand extends command(_ep0, _mw0, "ListConnectorScanConfigurations", ListConnectorScanConfigurations$) {
}

class ListConnectorsCommand extends command(_ep0, _mw0, "ListConnectors", ListConnectors$) {
}

class ListCoverageCommand extends command(_ep0, _mw0, "ListCoverage", ListCoverage$) {
}

class ListCoverageStatisticsCommand extends command(_ep0, _mw0, "ListCoverageStatistics", ListCoverageStatistics$) {
}

class ListDelegatedAdminAccountsCommand extends command(_ep0, _mw0, "ListDelegatedAdminAccounts", ListDelegatedAdminAccounts$) {
}

class ListFiltersCommand extends command(_ep0, _mw0, "ListFilters", ListFilters$) {
}

class ListFindingAggregationsCommand extends command(_ep0, _mw0, "ListFindingAggregations", ListFindingAggregations$) {
}

class ListFindingsCommand extends command(_ep0, _mw0, "ListFindings", ListFindings$) {
}

class ListMembersCommand extends command(_ep0, _mw0, "ListMembers", ListMembers$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class ListUsageTotalsCommand extends command(_ep0, _mw0, "ListUsageTotals", ListUsageTotals$) {
}

class ResetEncryptionKeyCommand extends command(_ep0, _mw0, "ResetEncryptionKey", ResetEncryptionKey$) {
}

class SearchVulnerabilitiesCommand extends command(_ep0, _mw0, "SearchVulnerabilities", SearchVulnerabilities$) {
}

class SendCisSessionHealthCommand extends command(_ep0, _mw0, "SendCisSessionHealth", SendCisSessionHealth$) {
}

class SendCisSessionTelemetryCommand extends command(_ep0, _mw0, "SendCisSessionTelemetry", SendCisSessionTelemetry$) {
}

class StartCisSessionCommand extends command(_ep0, _mw0, "StartCisSession", StartCisSession$) {
}

class StartCodeSecurityScanCommand extends command(_ep0, _mw0, "StartCodeSecurityScan", StartCodeSecurityScan$) {
}

class StopCisSessionCommand extends command(_ep0, _mw0, "StopCisSession", StopCisSession$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateCisScanConfigurationCommand extends command(_ep0, _mw0, "UpdateCisScanConfiguration", UpdateCisScanConfiguration$) {
}

class UpdateCodeSecurityIntegrationCommand extends command(_ep0, _mw0, "UpdateCodeSecurityIntegration", UpdateCodeSecurityIntegration$) {
}

class UpdateCodeSecurityScanConfigurationCommand extends command(_ep0, _mw0, "UpdateCodeSecurityScanConfiguration", UpdateCodeSecurityScanConfiguration$) {
}

class UpdateConfigurationCommand extends command(_ep0, _mw0, "UpdateConfiguration", UpdateConfiguration$) {
}

class UpdateConnectorCommand extends command(_ep0, _mw0, "UpdateConnector", UpdateConnector$) {
}

class UpdateConnectorScanConfigurationCommand extends command(_ep0, _mw0, "UpdateConnectorScanConfiguration", UpdateConnectorScanConfiguration$) {
}

class UpdateEc2DeepInspectionConfigurationCommand extends command(_ep0, _mw0, "UpdateEc2DeepInspectionConfiguration", UpdateEc2DeepInspectionConfiguration$) {
}

class UpdateEncryptionKeyCommand extends command(_ep0, _mw0, "UpdateEncryptionKey", UpdateEncryptionKey$) {
}

class UpdateFilterCommand extends command(_ep0, _mw0, "UpdateFilter", UpdateFilter$) {
}

class UpdateOrganizationConfigurationCommand extends command(_ep0, _mw0, "UpdateOrganizationConfiguration", UpdateOrganizationConfiguration$) {
}

class UpdateOrgEc2DeepInspectionConfigurationCommand extends command(_ep0, _mw0, "UpdateOrgEc2DeepInspectionConfiguration", UpdateOrgEc2DeepInspectionConfiguration$) {
}

const paginateGetCisScanResultDetails = createPaginator(Inspector2Client, GetCisScanResultDetailsCommand, "nextToken", "nextToken", "maxResults");

const paginateGetClustersForImage = createPaginator(Inspector2Client, GetClustersForImageCommand, "nextToken", "nextToken", "maxResults");

const paginateListAccountPermissions = createPaginator(Inspector2Client, ListAccountPermissionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListCisScanConfigurations = createPaginator(Inspector2Client, ListCisScanConfigurationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListCisScanResultsAggregatedByChecks = createPaginator(Inspector2Client, ListCisScanResultsAggregatedByChecksCommand, "nextToken", "nextToken", "maxResults");

const paginateListCisScanResultsAggregatedByTargetResource = createPaginator(Inspector2Client, ListCisScanResultsAggregatedByTargetResourceCommand, "nextToken", "nextToken", "maxResults");

const paginateListCisScans = createPaginator(Inspector2Client, ListCisScansCommand, "nextToken", "nextToken", "maxResults");

const paginateListConnectorScanConfigurations = createPaginator(Inspector2Client, ListConnectorScanConfigurationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListConnectors = createPaginator(Inspector2Client, ListConnectorsCommand, "nextToken", "nextToken", "maxResults");

const paginateListCoverage = createPaginator(Inspector2Client, ListCoverageCommand, "nextToken", "nextToken", "maxResults");

const paginateListCoverageStatistics = createPaginator(Inspector2Client, ListCoverageStatisticsCommand, "nextToken", "nextToken", "");

const paginateListDelegatedAdminAccounts = createPaginator(Inspector2Client, ListDelegatedAdminAccountsCommand, "nextToken", "nextToken", "maxResults");

const paginateListFilters = createPaginator(Inspector2Client, ListFiltersCommand, "nextToken", "nextToken", "maxResults");

const paginateListFindingAggregations = createPaginator(Inspector2Client, ListFindingAggregationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListFindings = createPaginator(Inspector2Client, ListFindingsCommand, "nextToken", "nextToken", "maxResults");

const paginateListMembers = createPaginator(Inspector2Client, ListMembersCommand, "nextToken", "nextToken", "maxResults");

const paginateListUsageTotals = createPaginator(Inspector2Client, ListUsageTotalsCommand, "nextToken", "nextToken", "maxResults");

const paginateSearchVulnerabilities = createPaginator(Inspector2Client, SearchVulnerabilitiesCommand, "nextToken", "nextToken", "");

const checkState$2 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new ListConnectorsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.health.connectorStatus;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "CONNECTED");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.health.connectorStatus;
                });
                return projection_3;
            };
            for (let anyStringEq_4 of returnComparator()) {
                if (anyStringEq_4 == "FAILED_TO_CONNECT") {
                    return { state: WaiterState.FAILURE, reason };
                }
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.enablementStatus;
                });
                return projection_3;
            };
            for (let anyStringEq_4 of returnComparator()) {
                if (anyStringEq_4 == "FAILED_TO_ENABLE") {
                    return { state: WaiterState.FAILURE, reason };
                }
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForConnectorConnected = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
};
const waitUntilConnectorConnected = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
    return checkExceptions(result);
};

const checkState$1 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new ListConnectorsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return (result.items.length == 0);
            };
            if (returnComparator() == true) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.enablementStatus;
                });
                return projection_3;
            };
            for (let anyStringEq_4 of returnComparator()) {
                if (anyStringEq_4 == "FAILED_TO_DELETE") {
                    return { state: WaiterState.FAILURE, reason };
                }
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForConnectorDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
};
const waitUntilConnectorDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    return checkExceptions(result);
};

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new ListConnectorsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.enablementStatus;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "ENABLED");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.enablementStatus;
                });
                return projection_3;
            };
            for (let anyStringEq_4 of returnComparator()) {
                if (anyStringEq_4 == "FAILED_TO_ENABLE") {
                    return { state: WaiterState.FAILURE, reason };
                }
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.items);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.enablementStatus;
                });
                return projection_3;
            };
            for (let anyStringEq_4 of returnComparator()) {
                if (anyStringEq_4 == "FAILED_TO_UPDATE") {
                    return { state: WaiterState.FAILURE, reason };
                }
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForConnectorEnabled = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilConnectorEnabled = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    AssociateMemberCommand,
    BatchAssociateCodeSecurityScanConfigurationCommand,
    BatchDisassociateCodeSecurityScanConfigurationCommand,
    BatchGetAccountStatusCommand,
    BatchGetCodeSnippetCommand,
    BatchGetFindingDetailsCommand,
    BatchGetFreeTrialInfoCommand,
    BatchGetMemberEc2DeepInspectionStatusCommand,
    BatchUpdateMemberEc2DeepInspectionStatusCommand,
    CancelFindingsReportCommand,
    CancelSbomExportCommand,
    CreateCisScanConfigurationCommand,
    CreateCodeSecurityIntegrationCommand,
    CreateCodeSecurityScanConfigurationCommand,
    CreateConnectorCommand,
    CreateFilterCommand,
    CreateFindingsReportCommand,
    CreateSbomExportCommand,
    DeleteCisScanConfigurationCommand,
    DeleteCodeSecurityIntegrationCommand,
    DeleteCodeSecurityScanConfigurationCommand,
    DeleteConnectorCommand,
    DeleteFilterCommand,
    DescribeOrganizationConfigurationCommand,
    DisableCommand,
    DisableDelegatedAdminAccountCommand,
    DisassociateMemberCommand,
    EnableCommand,
    EnableDelegatedAdminAccountCommand,
    GetCisScanReportCommand,
    GetCisScanResultDetailsCommand,
    GetClustersForImageCommand,
    GetCodeSecurityIntegrationCommand,
    GetCodeSecurityScanCommand,
    GetCodeSecurityScanConfigurationCommand,
    GetConfigurationCommand,
    GetDelegatedAdminAccountCommand,
    GetEc2DeepInspectionConfigurationCommand,
    GetEncryptionKeyCommand,
    GetFindingsReportStatusCommand,
    GetMemberCommand,
    GetSbomExportCommand,
    ListAccountPermissionsCommand,
    ListCisScanConfigurationsCommand,
    ListCisScanResultsAggregatedByChecksCommand,
    ListCisScanResultsAggregatedByTargetResourceCommand,
    ListCisScansCommand,
    ListCodeSecurityIntegrationsCommand,
    ListCodeSecurityScanConfigurationAssociationsCommand,
    ListCodeSecurityScanConfigurationsCommand,
    ListConnectorsCommand,
    ListConnectorScanConfigurationsCommand,
    ListCoverageCommand,
    ListCoverageStatisticsCommand,
    ListDelegatedAdminAccountsCommand,
    ListFiltersCommand,
    ListFindingAggregationsCommand,
    ListFindingsCommand,
    ListMembersCommand,
    ListTagsForResourceCommand,
    ListUsageTotalsCommand,
    ResetEncryptionKeyCommand,
    SearchVulnerabilitiesCommand,
    SendCisSessionHealthCommand,
    SendCisSessionTelemetryCommand,
    StartCisSessionCommand,
    StartCodeSecurityScanCommand,
    StopCisSessionCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateCisScanConfigurationCommand,
    UpdateCodeSecurityIntegrationCommand,
    UpdateCodeSecurityScanConfigurationCommand,
    UpdateConfigurationCommand,
    UpdateConnectorCommand,
    UpdateConnectorScanConfigurationCommand,
    UpdateEc2DeepInspectionConfigurationCommand,
    UpdateEncryptionKeyCommand,
    UpdateFilterCommand,
    UpdateOrganizationConfigurationCommand,
    UpdateOrgEc2DeepInspectionConfigurationCommand,
};
const paginators = {
    paginateGetCisScanResultDetails,
    paginateGetClustersForImage,
    paginateListAccountPermissions,
    paginateListCisScanConfigurations,
    paginateListCisScanResultsAggregatedByChecks,
    paginateListCisScanResultsAggregatedByTargetResource,
    paginateListCisScans,
    paginateListConnectors,
    paginateListConnectorScanConfigurations,
    paginateListCoverage,
    paginateListCoverageStatistics,
    paginateListDelegatedAdminAccounts,
    paginateListFilters,
    paginateListFindingAggregations,
    paginateListFindings,
    paginateListMembers,
    paginateListUsageTotals,
    paginateSearchVulnerabilities,
};
const waiters = {
    waitUntilConnectorEnabled,
    waitUntilConnectorDeleted,
    waitUntilConnectorConnected,
};
class Inspector2 extends Inspector2Client {
}
createAggregatedClient(commands, Inspector2, { paginators, waiters });

const Status = {
    DISABLED: "DISABLED",
    DISABLING: "DISABLING",
    ENABLED: "ENABLED",
    ENABLING: "ENABLING",
    SUSPENDED: "SUSPENDED",
    SUSPENDING: "SUSPENDING",
};
const AggregationFindingType = {
    CODE_VULNERABILITY: "CODE_VULNERABILITY",
    NETWORK_REACHABILITY: "NETWORK_REACHABILITY",
    PACKAGE_VULNERABILITY: "PACKAGE_VULNERABILITY",
};
const AggregationResourceType = {
    AWS_EC2_INSTANCE: "AWS_EC2_INSTANCE",
    AWS_ECR_CONTAINER_IMAGE: "AWS_ECR_CONTAINER_IMAGE",
    AWS_LAMBDA_FUNCTION: "AWS_LAMBDA_FUNCTION",
    CODE_REPOSITORY: "CODE_REPOSITORY",
    MICROSOFT_COMPUTE_VIRTUAL_MACHINES: "Microsoft.Compute/virtualMachines",
    MICROSOFT_CONTAINER_REGISTRY_REGISTRY_CONTAINER_IMAGE: "Microsoft.ContainerRegistry/registry/containerImage",
    MICROSOFT_WEB_SITES: "Microsoft.Web/sites",
};
const AccountSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const SortOrder = {
    ASC: "ASC",
    DESC: "DESC",
};
const CisStringComparison = {
    EQUALS: "EQUALS",
    NOT_EQUALS: "NOT_EQUALS",
    PREFIX: "PREFIX",
};
const ErrorCode = {
    ACCESS_DENIED: "ACCESS_DENIED",
    ACCOUNT_IS_ISOLATED: "ACCOUNT_IS_ISOLATED",
    ALREADY_ENABLED: "ALREADY_ENABLED",
    BLOCKED_BY_ORGANIZATION_POLICY: "BLOCKED_BY_ORGANIZATION_POLICY",
    DISABLE_IN_PROGRESS: "DISABLE_IN_PROGRESS",
    DISASSOCIATE_ALL_MEMBERS: "DISASSOCIATE_ALL_MEMBERS",
    EC2_SSM_ASSOCIATION_VERSION_LIMIT_EXCEEDED: "EC2_SSM_ASSOCIATION_VERSION_LIMIT_EXCEEDED",
    EC2_SSM_RESOURCE_DATA_SYNC_LIMIT_EXCEEDED: "EC2_SSM_RESOURCE_DATA_SYNC_LIMIT_EXCEEDED",
    ENABLE_IN_PROGRESS: "ENABLE_IN_PROGRESS",
    EVENTBRIDGE_THROTTLED: "EVENTBRIDGE_THROTTLED",
    EVENTBRIDGE_UNAVAILABLE: "EVENTBRIDGE_UNAVAILABLE",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND",
    RESOURCE_SCAN_NOT_DISABLED: "RESOURCE_SCAN_NOT_DISABLED",
    SSM_THROTTLED: "SSM_THROTTLED",
    SSM_UNAVAILABLE: "SSM_UNAVAILABLE",
    SUSPEND_IN_PROGRESS: "SUSPEND_IN_PROGRESS",
};
const StringComparison = {
    EQUALS: "EQUALS",
    NOT_EQUALS: "NOT_EQUALS",
    PREFIX: "PREFIX",
};
const AmiSortBy = {
    AFFECTED_INSTANCES: "AFFECTED_INSTANCES",
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const AwsEcrContainerSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const CodeRepositorySortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const ContainerImageSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const MapComparison = {
    EQUALS: "EQUALS",
};
const Ec2InstanceSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
    NETWORK_FINDINGS: "NETWORK_FINDINGS",
};
const FindingTypeSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const ImageLayerSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const LambdaFunctionSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const LambdaLayerSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const PackageSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const RepositorySortBy = {
    AFFECTED_IMAGES: "AFFECTED_IMAGES",
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const ServerlessFunctionSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const TitleSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
};
const VmInstanceSortBy = {
    ALL: "ALL",
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
    NETWORK_FINDINGS: "NETWORK_FINDINGS",
};
const Provider = {
    AWS: "AWS",
    AZURE: "AZURE",
};
const AggregationType = {
    ACCOUNT: "ACCOUNT",
    AMI: "AMI",
    AWS_EC2_INSTANCE: "AWS_EC2_INSTANCE",
    AWS_ECR_CONTAINER: "AWS_ECR_CONTAINER",
    AWS_LAMBDA_FUNCTION: "AWS_LAMBDA_FUNCTION",
    CODE_REPOSITORY: "CODE_REPOSITORY",
    CONTAINER_IMAGE: "CONTAINER_IMAGE",
    FINDING_TYPE: "FINDING_TYPE",
    IMAGE_LAYER: "IMAGE_LAYER",
    LAMBDA_LAYER: "LAMBDA_LAYER",
    PACKAGE: "PACKAGE",
    REPOSITORY: "REPOSITORY",
    SERVERLESS_FUNCTION: "SERVERLESS_FUNCTION",
    TITLE: "TITLE",
    VM_INSTANCE: "VM_INSTANCE",
};
const Architecture = {
    ARM64: "ARM64",
    X86_64: "X86_64",
};
const ValidationExceptionReason = {
    CANNOT_PARSE: "CANNOT_PARSE",
    FIELD_VALIDATION_FAILED: "FIELD_VALIDATION_FAILED",
    OTHER: "OTHER",
};
const AssociationResultStatusCode = {
    ACCESS_DENIED: "ACCESS_DENIED",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    INVALID_INPUT: "INVALID_INPUT",
    QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
    RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND",
    SCAN_CONFIGURATION_NOT_FOUND: "SCAN_CONFIGURATION_NOT_FOUND",
};
const AwsConfigConnectorArnComparison = {
    EQUALS: "EQUALS",
};
const PackageType = {
    IMAGE: "IMAGE",
    ZIP: "ZIP",
};
const Runtime = {
    DOTNETCORE_3_1: "DOTNETCORE_3_1",
    DOTNET_10: "DOTNET_10",
    DOTNET_6: "DOTNET_6",
    DOTNET_7: "DOTNET_7",
    GO_1_X: "GO_1_X",
    JAVA_11: "JAVA_11",
    JAVA_17: "JAVA_17",
    JAVA_21: "JAVA_21",
    JAVA_25: "JAVA_25",
    JAVA_8: "JAVA_8",
    JAVA_8_AL2: "JAVA_8_AL2",
    NODEJS: "NODEJS",
    NODEJS_12_X: "NODEJS_12_X",
    NODEJS_14_X: "NODEJS_14_X",
    NODEJS_16_X: "NODEJS_16_X",
    NODEJS_18_X: "NODEJS_18_X",
    NODEJS_22_X: "NODEJS_22_X",
    NODEJS_24_X: "NODEJS_24_X",
    PYTHON_3_10: "PYTHON_3_10",
    PYTHON_3_11: "PYTHON_3_11",
    PYTHON_3_7: "PYTHON_3_7",
    PYTHON_3_8: "PYTHON_3_8",
    PYTHON_3_9: "PYTHON_3_9",
    RUBY_2_7: "RUBY_2_7",
    RUBY_3_2: "RUBY_3_2",
    UNSUPPORTED: "UNSUPPORTED",
};
const ScopeType = {
    SUBSCRIPTION: "SUBSCRIPTION",
    TENANT: "TENANT",
};
const ScopeState = {
    ACTIVE: "ACTIVE",
    DISABLED: "DISABLED",
    ERROR: "ERROR",
    PENDING: "PENDING",
};
const CodeSnippetErrorCode = {
    ACCESS_DENIED: "ACCESS_DENIED",
    CODE_SNIPPET_NOT_FOUND: "CODE_SNIPPET_NOT_FOUND",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    INVALID_INPUT: "INVALID_INPUT",
};
const FindingDetailsErrorCode = {
    ACCESS_DENIED: "ACCESS_DENIED",
    FINDING_DETAILS_NOT_FOUND: "FINDING_DETAILS_NOT_FOUND",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    INVALID_INPUT: "INVALID_INPUT",
};
const CloudProvider = {
    AWS: "AWS",
    AZURE: "AZURE",
    NOT_APPLICABLE: "NOT_APPLICABLE",
};
const FreeTrialStatus = {
    ACTIVE: "ACTIVE",
    INACTIVE: "INACTIVE",
};
const FreeTrialType = {
    CODE_REPOSITORY: "CODE_REPOSITORY",
    CONTAINER_IMAGE: "CONTAINER_IMAGE",
    EC2: "EC2",
    ECR: "ECR",
    LAMBDA: "LAMBDA",
    LAMBDA_CODE: "LAMBDA_CODE",
    SERVERLESS_FUNCTION: "SERVERLESS_FUNCTION",
    VM: "VM",
};
const FreeTrialInfoErrorCode = {
    ACCESS_DENIED: "ACCESS_DENIED",
    INTERNAL_ERROR: "INTERNAL_ERROR",
};
const Ec2DeepInspectionStatus = {
    ACTIVATED: "ACTIVATED",
    DEACTIVATED: "DEACTIVATED",
    FAILED: "FAILED",
    PENDING: "PENDING",
};
const CisSecurityLevel = {
    LEVEL_1: "LEVEL_1",
    LEVEL_2: "LEVEL_2",
};
const CisFindingStatus = {
    FAILED: "FAILED",
    PASSED: "PASSED",
    SKIPPED: "SKIPPED",
};
const CisFindingStatusComparison = {
    EQUALS: "EQUALS",
};
const CisReportFormat = {
    CSV: "CSV",
    PDF: "PDF",
};
const CisReportStatus = {
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    SUCCEEDED: "SUCCEEDED",
};
const CisResultStatus = {
    FAILED: "FAILED",
    PASSED: "PASSED",
    SKIPPED: "SKIPPED",
};
const CisResultStatusComparison = {
    EQUALS: "EQUALS",
};
const CisRuleStatus = {
    ERROR: "ERROR",
    FAILED: "FAILED",
    INFORMATIONAL: "INFORMATIONAL",
    NOT_APPLICABLE: "NOT_APPLICABLE",
    NOT_EVALUATED: "NOT_EVALUATED",
    PASSED: "PASSED",
    UNKNOWN: "UNKNOWN",
};
const CisScanStatus = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const Day = {
    FRI: "FRI",
    MON: "MON",
    SAT: "SAT",
    SUN: "SUN",
    THU: "THU",
    TUE: "TUE",
    WED: "WED",
};
const CisScanConfigurationsSortBy = {
    SCAN_CONFIGURATION_ARN: "SCAN_CONFIGURATION_ARN",
    SCAN_NAME: "SCAN_NAME",
};
const CisSecurityLevelComparison = {
    EQUALS: "EQUALS",
};
const CisScanResultDetailsSortBy = {
    CHECK_ID: "CHECK_ID",
    STATUS: "STATUS",
};
const CisScanResultsAggregatedByChecksSortBy = {
    CHECK_ID: "CHECK_ID",
    FAILED_COUNTS: "FAILED_COUNTS",
    PLATFORM: "PLATFORM",
    SECURITY_LEVEL: "SECURITY_LEVEL",
    TITLE: "TITLE",
};
const TagComparison = {
    EQUALS: "EQUALS",
};
const CisTargetStatusComparison = {
    EQUALS: "EQUALS",
};
const CisTargetStatus = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    TIMED_OUT: "TIMED_OUT",
};
const CisTargetStatusReason = {
    SCAN_IN_PROGRESS: "SCAN_IN_PROGRESS",
    SSM_UNMANAGED: "SSM_UNMANAGED",
    UNSUPPORTED_OS: "UNSUPPORTED_OS",
};
const CisScanResultsAggregatedByTargetResourceSortBy = {
    ACCOUNT_ID: "ACCOUNT_ID",
    FAILED_COUNTS: "FAILED_COUNTS",
    PLATFORM: "PLATFORM",
    RESOURCE_ID: "RESOURCE_ID",
    TARGET_STATUS: "TARGET_STATUS",
    TARGET_STATUS_REASON: "TARGET_STATUS_REASON",
};
const CisScanStatusComparison = {
    EQUALS: "EQUALS",
};
const CisSortOrder = {
    ASC: "ASC",
    DESC: "DESC",
};
const CodeRepositoryProviderType = {
    GITHUB: "GITHUB",
    GITLAB_SELF_MANAGED: "GITLAB_SELF_MANAGED",
};
const ScanStatusReason = {
    ACCESS_DENIED: "ACCESS_DENIED",
    ACCESS_DENIED_TO_ENCRYPTION_KEY: "ACCESS_DENIED_TO_ENCRYPTION_KEY",
    AGENTLESS_INSTANCE_COLLECTION_TIME_LIMIT_EXCEEDED: "AGENTLESS_INSTANCE_COLLECTION_TIME_LIMIT_EXCEEDED",
    AGENTLESS_INSTANCE_STORAGE_LIMIT_EXCEEDED: "AGENTLESS_INSTANCE_STORAGE_LIMIT_EXCEEDED",
    DEEP_INSPECTION_COLLECTION_TIME_LIMIT_EXCEEDED: "DEEP_INSPECTION_COLLECTION_TIME_LIMIT_EXCEEDED",
    DEEP_INSPECTION_DAILY_SSM_INVENTORY_LIMIT_EXCEEDED: "DEEP_INSPECTION_DAILY_SSM_INVENTORY_LIMIT_EXCEEDED",
    DEEP_INSPECTION_NO_INVENTORY: "DEEP_INSPECTION_NO_INVENTORY",
    DEEP_INSPECTION_PACKAGE_COLLECTION_LIMIT_EXCEEDED: "DEEP_INSPECTION_PACKAGE_COLLECTION_LIMIT_EXCEEDED",
    EC2_INSTANCE_STOPPED: "EC2_INSTANCE_STOPPED",
    EXCLUDED_BY_TAG: "EXCLUDED_BY_TAG",
    IMAGE_ARCHIVED: "IMAGE_ARCHIVED",
    IMAGE_SIZE_EXCEEDED: "IMAGE_SIZE_EXCEEDED",
    INTEGRATION_CONNECTION_LOST: "INTEGRATION_CONNECTION_LOST",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    NO_INVENTORY: "NO_INVENTORY",
    NO_RESOURCES_FOUND: "NO_RESOURCES_FOUND",
    NO_SCAN_CONFIGURATION_ASSOCIATED: "NO_SCAN_CONFIGURATION_ASSOCIATED",
    PENDING_DISABLE: "PENDING_DISABLE",
    PENDING_INITIAL_SCAN: "PENDING_INITIAL_SCAN",
    PENDING_REVIVAL_SCAN: "PENDING_REVIVAL_SCAN",
    RESOURCE_STOPPED: "RESOURCE_STOPPED",
    RESOURCE_TERMINATED: "RESOURCE_TERMINATED",
    RESOURCE_UNMANAGED: "RESOURCE_UNMANAGED",
    SCAN_ELIGIBILITY_EXPIRED: "SCAN_ELIGIBILITY_EXPIRED",
    SCAN_FREQUENCY_MANUAL: "SCAN_FREQUENCY_MANUAL",
    SCAN_FREQUENCY_SCAN_ON_PUSH: "SCAN_FREQUENCY_SCAN_ON_PUSH",
    SCAN_IN_PROGRESS: "SCAN_IN_PROGRESS",
    STALE_INVENTORY: "STALE_INVENTORY",
    SUCCESSFUL: "SUCCESSFUL",
    UNMANAGED_EC2_INSTANCE: "UNMANAGED_EC2_INSTANCE",
    UNSUPPORTED_CODE_ARTIFACTS: "UNSUPPORTED_CODE_ARTIFACTS",
    UNSUPPORTED_CONFIG_FILE: "UNSUPPORTED_CONFIG_FILE",
    UNSUPPORTED_LANGUAGE: "UNSUPPORTED_LANGUAGE",
    UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
    UNSUPPORTED_OS: "UNSUPPORTED_OS",
    UNSUPPORTED_RUNTIME: "UNSUPPORTED_RUNTIME",
};
const ScanStatusCode = {
    ACTIVE: "ACTIVE",
    INACTIVE: "INACTIVE",
};
const RuleSetCategory = {
    IAC: "IAC",
    SAST: "SAST",
    SCA: "SCA",
};
const ContinuousIntegrationScanEvent = {
    PULL_REQUEST: "PULL_REQUEST",
    PUSH: "PUSH",
};
const CodeScanStatus = {
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    SKIPPED: "SKIPPED",
    SUCCESSFUL: "SUCCESSFUL",
};
const IntegrationStatus = {
    ACTIVE: "ACTIVE",
    DISABLING: "DISABLING",
    INACTIVE: "INACTIVE",
    IN_PROGRESS: "IN_PROGRESS",
    PENDING: "PENDING",
};
const IntegrationType = {
    GITHUB: "GITHUB",
    GITLAB_SELF_MANAGED: "GITLAB_SELF_MANAGED",
};
const PeriodicScanFrequency = {
    MONTHLY: "MONTHLY",
    NEVER: "NEVER",
    WEEKLY: "WEEKLY",
};
const ProjectSelectionScope = {
    ALL: "ALL",
};
const ConfigurationLevel = {
    ACCOUNT: "ACCOUNT",
    ORGANIZATION: "ORGANIZATION",
};
const EnablementStatus = {
    DELETED: "DELETED",
    ENABLED: "ENABLED",
    FAILED_TO_DELETE: "FAILED_TO_DELETE",
    FAILED_TO_ENABLE: "FAILED_TO_ENABLE",
    FAILED_TO_UPDATE: "FAILED_TO_UPDATE",
    PENDING_DELETION: "PENDING_DELETION",
    PENDING_ENABLEMENT: "PENDING_ENABLEMENT",
    PENDING_UPDATE: "PENDING_UPDATE",
};
const ConnectorHealthStatus = {
    CONNECTED: "CONNECTED",
    DEGRADED: "DEGRADED",
    FAILED_TO_CONNECT: "FAILED_TO_CONNECT",
    PENDING_AUTHORIZATION: "PENDING_AUTHORIZATION",
    PENDING_CONFIGURATION: "PENDING_CONFIGURATION",
    UNKNOWN: "UNKNOWN",
};
const ConnectorCloudProvider = {
    AZURE: "AZURE",
};
const ConnectorArnComparison = {
    EQUALS: "EQUALS",
};
const ContainerImagePullDateRescanDuration = {
    DAYS_14: "DAYS_14",
    DAYS_180: "DAYS_180",
    DAYS_3: "DAYS_3",
    DAYS_30: "DAYS_30",
    DAYS_60: "DAYS_60",
    DAYS_7: "DAYS_7",
    DAYS_90: "DAYS_90",
};
const ContainerImageRescanDuration = {
    DAYS_14: "DAYS_14",
    DAYS_180: "DAYS_180",
    DAYS_3: "DAYS_3",
    DAYS_30: "DAYS_30",
    DAYS_60: "DAYS_60",
    DAYS_7: "DAYS_7",
    DAYS_90: "DAYS_90",
    LIFETIME: "LIFETIME",
};
const ConnectorTypeComparison = {
    EQUALS: "EQUALS",
};
const ConnectorType = {
    CUSTOMER_MANAGED: "CUSTOMER_MANAGED",
    SERVICE_LINKED: "SERVICE_LINKED",
};
const ProviderComparison = {
    EQUALS: "EQUALS",
};
const GroupKey = {
    ACCOUNT_ID: "ACCOUNT_ID",
    ECR_REPOSITORY_NAME: "ECR_REPOSITORY_NAME",
    PROVIDER: "PROVIDER",
    PROVIDER_ACCOUNT_ID: "PROVIDER_ACCOUNT_ID",
    PROVIDER_ORG_ID: "PROVIDER_ORG_ID",
    PROVIDER_REGION: "PROVIDER_REGION",
    RESOURCE_TYPE: "RESOURCE_TYPE",
    SCAN_STATUS_CODE: "SCAN_STATUS_CODE",
    SCAN_STATUS_REASON: "SCAN_STATUS_REASON",
};
const CoverageStringComparison = {
    EQUALS: "EQUALS",
    NOT_EQUALS: "NOT_EQUALS",
};
const CoverageMapComparison = {
    EQUALS: "EQUALS",
};
const CoverageResourceType = {
    AWS_EC2_INSTANCE: "AWS_EC2_INSTANCE",
    AWS_ECR_CONTAINER_IMAGE: "AWS_ECR_CONTAINER_IMAGE",
    AWS_ECR_REPOSITORY: "AWS_ECR_REPOSITORY",
    AWS_LAMBDA_FUNCTION: "AWS_LAMBDA_FUNCTION",
    CODE_REPOSITORY: "CODE_REPOSITORY",
    MICROSOFT_COMPUTE_VIRTUAL_MACHINES: "Microsoft.Compute/virtualMachines",
    MICROSOFT_CONTAINER_REGISTRY_REGISTRIES: "Microsoft.ContainerRegistry/registries",
    MICROSOFT_CONTAINER_REGISTRY_REGISTRY_CONTAINER_IMAGE: "Microsoft.ContainerRegistry/registry/containerImage",
    MICROSOFT_CONTAINER_REGISTRY_REGISTRY_CONTAINER_REPOSITORY: "Microsoft.ContainerRegistry/registry/containerRepository",
    MICROSOFT_WEB_SITES: "Microsoft.Web/sites",
};
const Ec2Platform = {
    LINUX: "LINUX",
    MACOS: "MACOS",
    UNKNOWN: "UNKNOWN",
    WINDOWS: "WINDOWS",
};
const EcrScanFrequency = {
    CONTINUOUS_SCAN: "CONTINUOUS_SCAN",
    MANUAL: "MANUAL",
    SCAN_ON_PUSH: "SCAN_ON_PUSH",
};
const VmPlatform = {
    LINUX: "LINUX",
    UNKNOWN: "UNKNOWN",
    WINDOWS: "WINDOWS",
};
const ScanMode = {
    EC2_AGENTLESS: "EC2_AGENTLESS",
    EC2_INSPECTOR_AGENT_BASED: "EC2_INSPECTOR_AGENT_BASED",
    EC2_SSM_AGENT_BASED: "EC2_SSM_AGENT_BASED",
    VM_INSPECTOR_AGENT_BASED: "VM_INSPECTOR_AGENT_BASED",
};
const ScanType = {
    CODE: "CODE",
    NETWORK: "NETWORK",
    PACKAGE: "PACKAGE",
};
const FilterAction = {
    NONE: "NONE",
    SUPPRESS: "SUPPRESS",
};
const ReportFormat = {
    CSV: "CSV",
    JSON: "JSON",
};
const SbomReportFormat = {
    CYCLONEDX_1_4: "CYCLONEDX_1_4",
    SPDX_2_3: "SPDX_2_3",
};
const ResourceStringComparison = {
    EQUALS: "EQUALS",
    NOT_EQUALS: "NOT_EQUALS",
};
const ResourceMapComparison = {
    EQUALS: "EQUALS",
};
const Currency = {
    USD: "USD",
};
const RelationshipStatus = {
    ACCOUNT_SUSPENDED: "ACCOUNT_SUSPENDED",
    CANNOT_CREATE_DETECTOR_IN_ORG_MASTER: "CANNOT_CREATE_DETECTOR_IN_ORG_MASTER",
    CREATED: "CREATED",
    DELETED: "DELETED",
    DISABLED: "DISABLED",
    EMAIL_VERIFICATION_FAILED: "EMAIL_VERIFICATION_FAILED",
    EMAIL_VERIFICATION_IN_PROGRESS: "EMAIL_VERIFICATION_IN_PROGRESS",
    ENABLED: "ENABLED",
    INVITED: "INVITED",
    REGION_DISABLED: "REGION_DISABLED",
    REMOVED: "REMOVED",
    RESIGNED: "RESIGNED",
};
const DelegatedAdminStatus = {
    DISABLE_IN_PROGRESS: "DISABLE_IN_PROGRESS",
    ENABLED: "ENABLED",
};
const ResourceScanType = {
    CODE_REPOSITORY: "CODE_REPOSITORY",
    EC2: "EC2",
    ECR: "ECR",
    LAMBDA: "LAMBDA",
    LAMBDA_CODE: "LAMBDA_CODE",
};
const Ec2ScanMode = {
    EC2_HYBRID: "EC2_HYBRID",
    EC2_SSM_AGENT_BASED: "EC2_SSM_AGENT_BASED",
};
const Ec2ScanModeStatus = {
    PENDING: "PENDING",
    SUCCESS: "SUCCESS",
};
const VMScannerStatus = {
    FAILED: "FAILED",
    PENDING: "PENDING",
    SUCCESS: "SUCCESS",
};
const EcrPullDateRescanDuration = {
    DAYS_14: "DAYS_14",
    DAYS_180: "DAYS_180",
    DAYS_3: "DAYS_3",
    DAYS_30: "DAYS_30",
    DAYS_60: "DAYS_60",
    DAYS_7: "DAYS_7",
    DAYS_90: "DAYS_90",
};
const EcrPullDateRescanMode = {
    LAST_IN_USE_AT: "LAST_IN_USE_AT",
    LAST_PULL_DATE: "LAST_PULL_DATE",
};
const EcrRescanDuration = {
    DAYS_14: "DAYS_14",
    DAYS_180: "DAYS_180",
    DAYS_3: "DAYS_3",
    DAYS_30: "DAYS_30",
    DAYS_60: "DAYS_60",
    DAYS_7: "DAYS_7",
    DAYS_90: "DAYS_90",
    LIFETIME: "LIFETIME",
};
const EcrRescanDurationStatus = {
    FAILED: "FAILED",
    PENDING: "PENDING",
    SUCCESS: "SUCCESS",
};
const ExploitAvailable = {
    NO: "NO",
    YES: "YES",
};
const ExternalReportStatus = {
    CANCELLED: "CANCELLED",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    SUCCEEDED: "SUCCEEDED",
};
const FixAvailable = {
    NO: "NO",
    PARTIAL: "PARTIAL",
    YES: "YES",
};
const NetworkProtocol = {
    TCP: "TCP",
    UDP: "UDP",
};
const PackageManager = {
    BUNDLER: "BUNDLER",
    CARGO: "CARGO",
    COMPOSER: "COMPOSER",
    DOTNET_CORE: "DOTNET_CORE",
    GEMSPEC: "GEMSPEC",
    GOBINARY: "GOBINARY",
    GOMOD: "GOMOD",
    JAR: "JAR",
    NODEPKG: "NODEPKG",
    NPM: "NPM",
    NUGET: "NUGET",
    OS: "OS",
    PIP: "PIP",
    PIPENV: "PIPENV",
    POETRY: "POETRY",
    POM: "POM",
    PYTHONPKG: "PYTHONPKG",
    YARN: "YARN",
};
const ResourceType = {
    AWS_EC2_INSTANCE: "AWS_EC2_INSTANCE",
    AWS_ECR_CONTAINER_IMAGE: "AWS_ECR_CONTAINER_IMAGE",
    AWS_ECR_REPOSITORY: "AWS_ECR_REPOSITORY",
    AWS_LAMBDA_FUNCTION: "AWS_LAMBDA_FUNCTION",
    CODE_REPOSITORY: "CODE_REPOSITORY",
    MICROSOFT_COMPUTE_VIRTUAL_MACHINES: "Microsoft.Compute/virtualMachines",
    MICROSOFT_CONTAINER_REGISTRY_REGISTRY_CONTAINER_IMAGE: "Microsoft.ContainerRegistry/registry/containerImage",
    MICROSOFT_WEB_SITES: "Microsoft.Web/sites",
};
const Severity = {
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
    INFORMATIONAL: "INFORMATIONAL",
    LOW: "LOW",
    MEDIUM: "MEDIUM",
    UNTRIAGED: "UNTRIAGED",
};
const FindingStatus = {
    ACTIVE: "ACTIVE",
    CLOSED: "CLOSED",
    SUPPRESSED: "SUPPRESSED",
};
const FindingType = {
    CODE_VULNERABILITY: "CODE_VULNERABILITY",
    NETWORK_REACHABILITY: "NETWORK_REACHABILITY",
    PACKAGE_VULNERABILITY: "PACKAGE_VULNERABILITY",
};
const ReportingErrorCode = {
    BUCKET_NOT_FOUND: "BUCKET_NOT_FOUND",
    INCOMPATIBLE_BUCKET_REGION: "INCOMPATIBLE_BUCKET_REGION",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    INVALID_PERMISSIONS: "INVALID_PERMISSIONS",
    MALFORMED_KMS_KEY: "MALFORMED_KMS_KEY",
    NO_FINDINGS_FOUND: "NO_FINDINGS_FOUND",
};
const InheritanceMode = {
    INHERIT_FROM_ADMIN: "INHERIT_FROM_ADMIN",
};
const Service = {
    EC2: "EC2",
    ECR: "ECR",
    LAMBDA: "LAMBDA",
};
const Operation = {
    DISABLE_REPOSITORY: "DISABLE_REPOSITORY",
    DISABLE_SCANNING: "DISABLE_SCANNING",
    ENABLE_REPOSITORY: "ENABLE_REPOSITORY",
    ENABLE_SCANNING: "ENABLE_SCANNING",
};
const ListCisScansDetailLevel = {
    MEMBER: "MEMBER",
    ORGANIZATION: "ORGANIZATION",
};
const ListCisScansSortBy = {
    FAILED_CHECKS: "FAILED_CHECKS",
    SCAN_START_DATE: "SCAN_START_DATE",
    SCHEDULED_BY: "SCHEDULED_BY",
    STATUS: "STATUS",
};
const SortField = {
    AWS_ACCOUNT_ID: "AWS_ACCOUNT_ID",
    COMPONENT_TYPE: "COMPONENT_TYPE",
    ECR_IMAGE_PUSHED_AT: "ECR_IMAGE_PUSHED_AT",
    ECR_IMAGE_REGISTRY: "ECR_IMAGE_REGISTRY",
    ECR_IMAGE_REPOSITORY_NAME: "ECR_IMAGE_REPOSITORY_NAME",
    EPSS_SCORE: "EPSS_SCORE",
    FINDING_STATUS: "FINDING_STATUS",
    FINDING_TYPE: "FINDING_TYPE",
    FIRST_OBSERVED_AT: "FIRST_OBSERVED_AT",
    INSPECTOR_SCORE: "INSPECTOR_SCORE",
    LAST_OBSERVED_AT: "LAST_OBSERVED_AT",
    NETWORK_PROTOCOL: "NETWORK_PROTOCOL",
    RESOURCE_TYPE: "RESOURCE_TYPE",
    SEVERITY: "SEVERITY",
    VENDOR_SEVERITY: "VENDOR_SEVERITY",
    VULNERABILITY_ID: "VULNERABILITY_ID",
    VULNERABILITY_SOURCE: "VULNERABILITY_SOURCE",
};
const UsageType = {
    AZURE_CONTAINER_IMAGE_INITIAL_SCAN: "AZURE_CONTAINER_IMAGE_INITIAL_SCAN",
    AZURE_CONTAINER_IMAGE_RESCAN: "AZURE_CONTAINER_IMAGE_RESCAN",
    AZURE_SERVERLESS_FUNCTION_HOURS: "AZURE_SERVERLESS_FUNCTION_HOURS",
    AZURE_VM_AGENT_BASED_INSTANCE_HOURS: "AZURE_VM_AGENT_BASED_INSTANCE_HOURS",
    CODE_REPOSITORY_IAC: "CODE_REPOSITORY_IAC",
    CODE_REPOSITORY_SAST: "CODE_REPOSITORY_SAST",
    CODE_REPOSITORY_SCA: "CODE_REPOSITORY_SCA",
    EC2_AGENTLESS_INSTANCE_HOURS: "EC2_AGENTLESS_INSTANCE_HOURS",
    EC2_INSTANCE_HOURS: "EC2_INSTANCE_HOURS",
    ECR_INITIAL_SCAN: "ECR_INITIAL_SCAN",
    ECR_RESCAN: "ECR_RESCAN",
    LAMBDA_FUNCTION_CODE_HOURS: "LAMBDA_FUNCTION_CODE_HOURS",
    LAMBDA_FUNCTION_HOURS: "LAMBDA_FUNCTION_HOURS",
};
const VulnerabilitySource = {
    NVD: "NVD",
};
const StopCisSessionStatus = {
    FAILED: "FAILED",
    INTERRUPTED: "INTERRUPTED",
    SUCCESS: "SUCCESS",
    UNSUPPORTED_OS: "UNSUPPORTED_OS",
};

__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = Account$;
__webpack_unused_export__ = AccountAggregation$;
__webpack_unused_export__ = AccountAggregationResponse$;
__webpack_unused_export__ = AccountSortBy;
__webpack_unused_export__ = AccountState$;
__webpack_unused_export__ = AggregationFindingType;
__webpack_unused_export__ = AggregationRequest$;
__webpack_unused_export__ = AggregationResourceType;
__webpack_unused_export__ = AggregationResponse$;
__webpack_unused_export__ = AggregationType;
__webpack_unused_export__ = AmiAggregation$;
__webpack_unused_export__ = AmiAggregationResponse$;
__webpack_unused_export__ = AmiSortBy;
__webpack_unused_export__ = Architecture;
__webpack_unused_export__ = AssociateConfigurationRequest$;
__webpack_unused_export__ = AssociateMember$;
__webpack_unused_export__ = AssociateMemberCommand;
__webpack_unused_export__ = AssociateMemberRequest$;
__webpack_unused_export__ = AssociateMemberResponse$;
__webpack_unused_export__ = AssociationResultStatusCode;
__webpack_unused_export__ = AtigData$;
__webpack_unused_export__ = AutoEnable$;
__webpack_unused_export__ = AwsConfigConnectorArnComparison;
__webpack_unused_export__ = AwsConfigConnectorArnFilter$;
__webpack_unused_export__ = AwsEc2InstanceDetails$;
__webpack_unused_export__ = AwsEcrContainerAggregation$;
__webpack_unused_export__ = AwsEcrContainerAggregationResponse$;
__webpack_unused_export__ = AwsEcrContainerImageDetails$;
__webpack_unused_export__ = AwsEcrContainerSortBy;
__webpack_unused_export__ = AwsEcsMetadataDetails$;
__webpack_unused_export__ = AwsEksMetadataDetails$;
__webpack_unused_export__ = AwsEksWorkloadInfo$;
__webpack_unused_export__ = AwsLambdaFunctionDetails$;
__webpack_unused_export__ = AzureProviderDetailCreate$;
__webpack_unused_export__ = AzureProviderDetailUpdate$;
__webpack_unused_export__ = AzureScopeConfiguration$;
__webpack_unused_export__ = AzureScopeConfigurationInput$;
__webpack_unused_export__ = BadRequestException;
__webpack_unused_export__ = BadRequestException$;
__webpack_unused_export__ = BatchAssociateCodeSecurityScanConfiguration$;
__webpack_unused_export__ = BatchAssociateCodeSecurityScanConfigurationCommand;
__webpack_unused_export__ = BatchAssociateCodeSecurityScanConfigurationRequest$;
__webpack_unused_export__ = BatchAssociateCodeSecurityScanConfigurationResponse$;
__webpack_unused_export__ = BatchDisassociateCodeSecurityScanConfiguration$;
__webpack_unused_export__ = BatchDisassociateCodeSecurityScanConfigurationCommand;
__webpack_unused_export__ = BatchDisassociateCodeSecurityScanConfigurationRequest$;
__webpack_unused_export__ = BatchDisassociateCodeSecurityScanConfigurationResponse$;
__webpack_unused_export__ = BatchGetAccountStatus$;
__webpack_unused_export__ = BatchGetAccountStatusCommand;
__webpack_unused_export__ = BatchGetAccountStatusRequest$;
__webpack_unused_export__ = BatchGetAccountStatusResponse$;
__webpack_unused_export__ = BatchGetCodeSnippet$;
__webpack_unused_export__ = BatchGetCodeSnippetCommand;
__webpack_unused_export__ = BatchGetCodeSnippetRequest$;
__webpack_unused_export__ = BatchGetCodeSnippetResponse$;
__webpack_unused_export__ = BatchGetFindingDetails$;
__webpack_unused_export__ = BatchGetFindingDetailsCommand;
__webpack_unused_export__ = BatchGetFindingDetailsRequest$;
__webpack_unused_export__ = BatchGetFindingDetailsResponse$;
__webpack_unused_export__ = BatchGetFreeTrialInfo$;
__webpack_unused_export__ = BatchGetFreeTrialInfoCommand;
__webpack_unused_export__ = BatchGetFreeTrialInfoRequest$;
__webpack_unused_export__ = BatchGetFreeTrialInfoResponse$;
__webpack_unused_export__ = BatchGetMemberEc2DeepInspectionStatus$;
__webpack_unused_export__ = BatchGetMemberEc2DeepInspectionStatusCommand;
__webpack_unused_export__ = BatchGetMemberEc2DeepInspectionStatusRequest$;
__webpack_unused_export__ = BatchGetMemberEc2DeepInspectionStatusResponse$;
__webpack_unused_export__ = BatchUpdateMemberEc2DeepInspectionStatus$;
__webpack_unused_export__ = BatchUpdateMemberEc2DeepInspectionStatusCommand;
__webpack_unused_export__ = BatchUpdateMemberEc2DeepInspectionStatusRequest$;
__webpack_unused_export__ = BatchUpdateMemberEc2DeepInspectionStatusResponse$;
__webpack_unused_export__ = CancelFindingsReport$;
__webpack_unused_export__ = CancelFindingsReportCommand;
__webpack_unused_export__ = CancelFindingsReportRequest$;
__webpack_unused_export__ = CancelFindingsReportResponse$;
__webpack_unused_export__ = CancelSbomExport$;
__webpack_unused_export__ = CancelSbomExportCommand;
__webpack_unused_export__ = CancelSbomExportRequest$;
__webpack_unused_export__ = CancelSbomExportResponse$;
__webpack_unused_export__ = CisCheckAggregation$;
__webpack_unused_export__ = CisDateFilter$;
__webpack_unused_export__ = CisFindingStatus;
__webpack_unused_export__ = CisFindingStatusComparison;
__webpack_unused_export__ = CisFindingStatusFilter$;
__webpack_unused_export__ = CisNumberFilter$;
__webpack_unused_export__ = CisReportFormat;
__webpack_unused_export__ = CisReportStatus;
__webpack_unused_export__ = CisResultStatus;
__webpack_unused_export__ = CisResultStatusComparison;
__webpack_unused_export__ = CisResultStatusFilter$;
__webpack_unused_export__ = CisRuleStatus;
__webpack_unused_export__ = CisScan$;
__webpack_unused_export__ = CisScanConfiguration$;
__webpack_unused_export__ = CisScanConfigurationsSortBy;
__webpack_unused_export__ = CisScanResultDetails$;
__webpack_unused_export__ = CisScanResultDetailsFilterCriteria$;
__webpack_unused_export__ = CisScanResultDetailsSortBy;
__webpack_unused_export__ = CisScanResultsAggregatedByChecksFilterCriteria$;
__webpack_unused_export__ = CisScanResultsAggregatedByChecksSortBy;
__webpack_unused_export__ = CisScanResultsAggregatedByTargetResourceFilterCriteria$;
__webpack_unused_export__ = CisScanResultsAggregatedByTargetResourceSortBy;
__webpack_unused_export__ = CisScanStatus;
__webpack_unused_export__ = CisScanStatusComparison;
__webpack_unused_export__ = CisScanStatusFilter$;
__webpack_unused_export__ = CisSecurityLevel;
__webpack_unused_export__ = CisSecurityLevelComparison;
__webpack_unused_export__ = CisSecurityLevelFilter$;
__webpack_unused_export__ = CisSessionMessage$;
__webpack_unused_export__ = CisSortOrder;
__webpack_unused_export__ = CisStringComparison;
__webpack_unused_export__ = CisStringFilter$;
__webpack_unused_export__ = CisTargetResourceAggregation$;
__webpack_unused_export__ = CisTargetStatus;
__webpack_unused_export__ = CisTargetStatusComparison;
__webpack_unused_export__ = CisTargetStatusFilter$;
__webpack_unused_export__ = CisTargetStatusReason;
__webpack_unused_export__ = CisTargetStatusReasonFilter$;
__webpack_unused_export__ = CisTargets$;
__webpack_unused_export__ = CisaData$;
__webpack_unused_export__ = CloudProvider;
__webpack_unused_export__ = ClusterDetails$;
__webpack_unused_export__ = ClusterForImageFilterCriteria$;
__webpack_unused_export__ = ClusterInformation$;
__webpack_unused_export__ = ClusterMetadata$;
__webpack_unused_export__ = CodeFilePath$;
__webpack_unused_export__ = CodeLine$;
__webpack_unused_export__ = CodeRepositoryAggregation$;
__webpack_unused_export__ = CodeRepositoryAggregationResponse$;
__webpack_unused_export__ = CodeRepositoryDetails$;
__webpack_unused_export__ = CodeRepositoryMetadata$;
__webpack_unused_export__ = CodeRepositoryOnDemandScan$;
__webpack_unused_export__ = CodeRepositoryProviderType;
__webpack_unused_export__ = CodeRepositorySortBy;
__webpack_unused_export__ = CodeScanStatus;
__webpack_unused_export__ = CodeSecurityIntegrationSummary$;
__webpack_unused_export__ = CodeSecurityResource$;
__webpack_unused_export__ = CodeSecurityScanConfiguration$;
__webpack_unused_export__ = CodeSecurityScanConfigurationAssociationSummary$;
__webpack_unused_export__ = CodeSecurityScanConfigurationSummary$;
__webpack_unused_export__ = CodeSnippetError$;
__webpack_unused_export__ = CodeSnippetErrorCode;
__webpack_unused_export__ = CodeSnippetResult$;
__webpack_unused_export__ = CodeVulnerabilityDetails$;
__webpack_unused_export__ = ComputePlatform$;
__webpack_unused_export__ = ConfigurationLevel;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = Connector$;
__webpack_unused_export__ = ConnectorArnComparison;
__webpack_unused_export__ = ConnectorArnFilter$;
__webpack_unused_export__ = ConnectorCloudProvider;
__webpack_unused_export__ = ConnectorContainerImageScanConfiguration$;
__webpack_unused_export__ = ConnectorFilterCriteria$;
__webpack_unused_export__ = ConnectorHealth$;
__webpack_unused_export__ = ConnectorHealthStatus;
__webpack_unused_export__ = ConnectorScanConfiguration$;
__webpack_unused_export__ = ConnectorScanConfigurationItem$;
__webpack_unused_export__ = ConnectorType;
__webpack_unused_export__ = ConnectorTypeComparison;
__webpack_unused_export__ = ConnectorTypeFilter$;
__webpack_unused_export__ = ContainerImageAggregation$;
__webpack_unused_export__ = ContainerImageAggregationResponse$;
__webpack_unused_export__ = ContainerImageMetadata$;
__webpack_unused_export__ = ContainerImagePullDateRescanDuration;
__webpack_unused_export__ = ContainerImageRescanDuration;
__webpack_unused_export__ = ContainerImageSortBy;
__webpack_unused_export__ = ContainerRegistryMetadata$;
__webpack_unused_export__ = ContainerRepositoryMetadata$;
__webpack_unused_export__ = ContinuousIntegrationScanConfiguration$;
__webpack_unused_export__ = ContinuousIntegrationScanEvent;
__webpack_unused_export__ = Counts$;
__webpack_unused_export__ = CoverageDateFilter$;
__webpack_unused_export__ = CoverageFilterCriteria$;
__webpack_unused_export__ = CoverageMapComparison;
__webpack_unused_export__ = CoverageMapFilter$;
__webpack_unused_export__ = CoverageNumberFilter$;
__webpack_unused_export__ = CoverageResourceType;
__webpack_unused_export__ = CoverageStringComparison;
__webpack_unused_export__ = CoverageStringFilter$;
__webpack_unused_export__ = CoveredResource$;
__webpack_unused_export__ = CreateCisScanConfiguration$;
__webpack_unused_export__ = CreateCisScanConfigurationCommand;
__webpack_unused_export__ = CreateCisScanConfigurationRequest$;
__webpack_unused_export__ = CreateCisScanConfigurationResponse$;
__webpack_unused_export__ = CreateCisTargets$;
__webpack_unused_export__ = CreateCodeSecurityIntegration$;
__webpack_unused_export__ = CreateCodeSecurityIntegrationCommand;
__webpack_unused_export__ = CreateCodeSecurityIntegrationRequest$;
__webpack_unused_export__ = CreateCodeSecurityIntegrationResponse$;
__webpack_unused_export__ = CreateCodeSecurityScanConfiguration$;
__webpack_unused_export__ = CreateCodeSecurityScanConfigurationCommand;
__webpack_unused_export__ = CreateCodeSecurityScanConfigurationRequest$;
__webpack_unused_export__ = CreateCodeSecurityScanConfigurationResponse$;
__webpack_unused_export__ = CreateConnector$;
__webpack_unused_export__ = CreateConnectorCommand;
__webpack_unused_export__ = CreateConnectorRequest$;
__webpack_unused_export__ = CreateConnectorResponse$;
__webpack_unused_export__ = CreateFilter$;
__webpack_unused_export__ = CreateFilterCommand;
__webpack_unused_export__ = CreateFilterRequest$;
__webpack_unused_export__ = CreateFilterResponse$;
__webpack_unused_export__ = CreateFindingsReport$;
__webpack_unused_export__ = CreateFindingsReportCommand;
__webpack_unused_export__ = CreateFindingsReportRequest$;
__webpack_unused_export__ = CreateFindingsReportResponse$;
__webpack_unused_export__ = CreateGitLabSelfManagedIntegrationDetail$;
__webpack_unused_export__ = CreateIntegrationDetail$;
__webpack_unused_export__ = CreateSbomExport$;
__webpack_unused_export__ = CreateSbomExportCommand;
__webpack_unused_export__ = CreateSbomExportRequest$;
__webpack_unused_export__ = CreateSbomExportResponse$;
__webpack_unused_export__ = Currency;
__webpack_unused_export__ = Cvss2$;
__webpack_unused_export__ = Cvss3$;
__webpack_unused_export__ = Cvss4$;
__webpack_unused_export__ = CvssScore$;
__webpack_unused_export__ = CvssScoreAdjustment$;
__webpack_unused_export__ = CvssScoreDetails$;
__webpack_unused_export__ = DailySchedule$;
__webpack_unused_export__ = DateFilter$;
__webpack_unused_export__ = Day;
__webpack_unused_export__ = DelegatedAdmin$;
__webpack_unused_export__ = DelegatedAdminAccount$;
__webpack_unused_export__ = DelegatedAdminStatus;
__webpack_unused_export__ = DeleteCisScanConfiguration$;
__webpack_unused_export__ = DeleteCisScanConfigurationCommand;
__webpack_unused_export__ = DeleteCisScanConfigurationRequest$;
__webpack_unused_export__ = DeleteCisScanConfigurationResponse$;
__webpack_unused_export__ = DeleteCodeSecurityIntegration$;
__webpack_unused_export__ = DeleteCodeSecurityIntegrationCommand;
__webpack_unused_export__ = DeleteCodeSecurityIntegrationRequest$;
__webpack_unused_export__ = DeleteCodeSecurityIntegrationResponse$;
__webpack_unused_export__ = DeleteCodeSecurityScanConfiguration$;
__webpack_unused_export__ = DeleteCodeSecurityScanConfigurationCommand;
__webpack_unused_export__ = DeleteCodeSecurityScanConfigurationRequest$;
__webpack_unused_export__ = DeleteCodeSecurityScanConfigurationResponse$;
__webpack_unused_export__ = DeleteConnector$;
__webpack_unused_export__ = DeleteConnectorCommand;
__webpack_unused_export__ = DeleteConnectorRequest$;
__webpack_unused_export__ = DeleteConnectorResponse$;
__webpack_unused_export__ = DeleteFilter$;
__webpack_unused_export__ = DeleteFilterCommand;
__webpack_unused_export__ = DeleteFilterRequest$;
__webpack_unused_export__ = DeleteFilterResponse$;
__webpack_unused_export__ = DescribeOrganizationConfiguration$;
__webpack_unused_export__ = DescribeOrganizationConfigurationCommand;
__webpack_unused_export__ = DescribeOrganizationConfigurationRequest$;
__webpack_unused_export__ = DescribeOrganizationConfigurationResponse$;
__webpack_unused_export__ = Destination$;
__webpack_unused_export__ = Disable$;
__webpack_unused_export__ = DisableCommand;
__webpack_unused_export__ = DisableDelegatedAdminAccount$;
__webpack_unused_export__ = DisableDelegatedAdminAccountCommand;
__webpack_unused_export__ = DisableDelegatedAdminAccountRequest$;
__webpack_unused_export__ = DisableDelegatedAdminAccountResponse$;
__webpack_unused_export__ = DisableRequest$;
__webpack_unused_export__ = DisableResponse$;
__webpack_unused_export__ = DisassociateConfigurationRequest$;
__webpack_unused_export__ = DisassociateMember$;
__webpack_unused_export__ = DisassociateMemberCommand;
__webpack_unused_export__ = DisassociateMemberRequest$;
__webpack_unused_export__ = DisassociateMemberResponse$;
__webpack_unused_export__ = Ec2Configuration$;
__webpack_unused_export__ = Ec2ConfigurationState$;
__webpack_unused_export__ = Ec2DeepInspectionStatus;
__webpack_unused_export__ = Ec2InstanceAggregation$;
__webpack_unused_export__ = Ec2InstanceAggregationResponse$;
__webpack_unused_export__ = Ec2InstanceSortBy;
__webpack_unused_export__ = Ec2Metadata$;
__webpack_unused_export__ = Ec2Platform;
__webpack_unused_export__ = Ec2ScanMode;
__webpack_unused_export__ = Ec2ScanModeState$;
__webpack_unused_export__ = Ec2ScanModeStatus;
__webpack_unused_export__ = EcrConfiguration$;
__webpack_unused_export__ = EcrConfigurationState$;
__webpack_unused_export__ = EcrContainerImageMetadata$;
__webpack_unused_export__ = EcrPullDateRescanDuration;
__webpack_unused_export__ = EcrPullDateRescanMode;
__webpack_unused_export__ = EcrRepositoryMetadata$;
__webpack_unused_export__ = EcrRescanDuration;
__webpack_unused_export__ = EcrRescanDurationState$;
__webpack_unused_export__ = EcrRescanDurationStatus;
__webpack_unused_export__ = EcrScanFrequency;
__webpack_unused_export__ = Enable$;
__webpack_unused_export__ = EnableCommand;
__webpack_unused_export__ = EnableDelegatedAdminAccount$;
__webpack_unused_export__ = EnableDelegatedAdminAccountCommand;
__webpack_unused_export__ = EnableDelegatedAdminAccountRequest$;
__webpack_unused_export__ = EnableDelegatedAdminAccountResponse$;
__webpack_unused_export__ = EnableRequest$;
__webpack_unused_export__ = EnableResponse$;
__webpack_unused_export__ = EnablementStatus;
__webpack_unused_export__ = Epss$;
__webpack_unused_export__ = EpssDetails$;
__webpack_unused_export__ = ErrorCode;
__webpack_unused_export__ = Evidence$;
__webpack_unused_export__ = ExploitAvailable;
__webpack_unused_export__ = ExploitObserved$;
__webpack_unused_export__ = ExploitabilityDetails$;
__webpack_unused_export__ = ExternalReportStatus;
__webpack_unused_export__ = FailedAccount$;
__webpack_unused_export__ = FailedAssociationResult$;
__webpack_unused_export__ = FailedMemberAccountEc2DeepInspectionStatusState$;
__webpack_unused_export__ = Filter$;
__webpack_unused_export__ = FilterAction;
__webpack_unused_export__ = FilterCriteria$;
__webpack_unused_export__ = Finding$;
__webpack_unused_export__ = FindingDetail$;
__webpack_unused_export__ = FindingDetailsError$;
__webpack_unused_export__ = FindingDetailsErrorCode;
__webpack_unused_export__ = FindingStatus;
__webpack_unused_export__ = FindingType;
__webpack_unused_export__ = FindingTypeAggregation$;
__webpack_unused_export__ = FindingTypeAggregationResponse$;
__webpack_unused_export__ = FindingTypeSortBy;
__webpack_unused_export__ = FixAvailable;
__webpack_unused_export__ = FreeTrialAccountInfo$;
__webpack_unused_export__ = FreeTrialInfo$;
__webpack_unused_export__ = FreeTrialInfoError$;
__webpack_unused_export__ = FreeTrialInfoErrorCode;
__webpack_unused_export__ = FreeTrialStatus;
__webpack_unused_export__ = FreeTrialType;
__webpack_unused_export__ = GetCisScanReport$;
__webpack_unused_export__ = GetCisScanReportCommand;
__webpack_unused_export__ = GetCisScanReportRequest$;
__webpack_unused_export__ = GetCisScanReportResponse$;
__webpack_unused_export__ = GetCisScanResultDetails$;
__webpack_unused_export__ = GetCisScanResultDetailsCommand;
__webpack_unused_export__ = GetCisScanResultDetailsRequest$;
__webpack_unused_export__ = GetCisScanResultDetailsResponse$;
__webpack_unused_export__ = GetClustersForImage$;
__webpack_unused_export__ = GetClustersForImageCommand;
__webpack_unused_export__ = GetClustersForImageRequest$;
__webpack_unused_export__ = GetClustersForImageResponse$;
__webpack_unused_export__ = GetCodeSecurityIntegration$;
__webpack_unused_export__ = GetCodeSecurityIntegrationCommand;
__webpack_unused_export__ = GetCodeSecurityIntegrationRequest$;
__webpack_unused_export__ = GetCodeSecurityIntegrationResponse$;
__webpack_unused_export__ = GetCodeSecurityScan$;
__webpack_unused_export__ = GetCodeSecurityScanCommand;
__webpack_unused_export__ = GetCodeSecurityScanConfiguration$;
__webpack_unused_export__ = GetCodeSecurityScanConfigurationCommand;
__webpack_unused_export__ = GetCodeSecurityScanConfigurationRequest$;
__webpack_unused_export__ = GetCodeSecurityScanConfigurationResponse$;
__webpack_unused_export__ = GetCodeSecurityScanRequest$;
__webpack_unused_export__ = GetCodeSecurityScanResponse$;
__webpack_unused_export__ = GetConfiguration$;
__webpack_unused_export__ = GetConfigurationCommand;
__webpack_unused_export__ = GetConfigurationRequest$;
__webpack_unused_export__ = GetConfigurationResponse$;
__webpack_unused_export__ = GetDelegatedAdminAccount$;
__webpack_unused_export__ = GetDelegatedAdminAccountCommand;
__webpack_unused_export__ = GetDelegatedAdminAccountRequest$;
__webpack_unused_export__ = GetDelegatedAdminAccountResponse$;
__webpack_unused_export__ = GetEc2DeepInspectionConfiguration$;
__webpack_unused_export__ = GetEc2DeepInspectionConfigurationCommand;
__webpack_unused_export__ = GetEc2DeepInspectionConfigurationRequest$;
__webpack_unused_export__ = GetEc2DeepInspectionConfigurationResponse$;
__webpack_unused_export__ = GetEncryptionKey$;
__webpack_unused_export__ = GetEncryptionKeyCommand;
__webpack_unused_export__ = GetEncryptionKeyRequest$;
__webpack_unused_export__ = GetEncryptionKeyResponse$;
__webpack_unused_export__ = GetFindingsReportStatus$;
__webpack_unused_export__ = GetFindingsReportStatusCommand;
__webpack_unused_export__ = GetFindingsReportStatusRequest$;
__webpack_unused_export__ = GetFindingsReportStatusResponse$;
__webpack_unused_export__ = GetMember$;
__webpack_unused_export__ = GetMemberCommand;
__webpack_unused_export__ = GetMemberRequest$;
__webpack_unused_export__ = GetMemberResponse$;
__webpack_unused_export__ = GetSbomExport$;
__webpack_unused_export__ = GetSbomExportCommand;
__webpack_unused_export__ = GetSbomExportRequest$;
__webpack_unused_export__ = GetSbomExportResponse$;
__webpack_unused_export__ = GroupKey;
__webpack_unused_export__ = Image$;
__webpack_unused_export__ = ImageLayerAggregation$;
__webpack_unused_export__ = ImageLayerAggregationResponse$;
__webpack_unused_export__ = ImageLayerSortBy;
__webpack_unused_export__ = InheritanceMode;
__webpack_unused_export__ = Inspector2;
exports.r0C = Inspector2Client;
__webpack_unused_export__ = Inspector2ServiceException;
__webpack_unused_export__ = Inspector2ServiceException$;
__webpack_unused_export__ = InspectorScoreDetails$;
__webpack_unused_export__ = IntegrationStatus;
__webpack_unused_export__ = IntegrationType;
__webpack_unused_export__ = InternalServerException;
__webpack_unused_export__ = InternalServerException$;
__webpack_unused_export__ = LambdaFunctionAggregation$;
__webpack_unused_export__ = LambdaFunctionAggregationResponse$;
__webpack_unused_export__ = LambdaFunctionMetadata$;
__webpack_unused_export__ = LambdaFunctionSortBy;
__webpack_unused_export__ = LambdaLayerAggregation$;
__webpack_unused_export__ = LambdaLayerAggregationResponse$;
__webpack_unused_export__ = LambdaLayerSortBy;
__webpack_unused_export__ = LambdaVpcConfig$;
__webpack_unused_export__ = ListAccountPermissions$;
__webpack_unused_export__ = ListAccountPermissionsCommand;
__webpack_unused_export__ = ListAccountPermissionsRequest$;
__webpack_unused_export__ = ListAccountPermissionsResponse$;
__webpack_unused_export__ = ListCisScanConfigurations$;
__webpack_unused_export__ = ListCisScanConfigurationsCommand;
__webpack_unused_export__ = ListCisScanConfigurationsFilterCriteria$;
__webpack_unused_export__ = ListCisScanConfigurationsRequest$;
__webpack_unused_export__ = ListCisScanConfigurationsResponse$;
__webpack_unused_export__ = ListCisScanResultsAggregatedByChecks$;
__webpack_unused_export__ = ListCisScanResultsAggregatedByChecksCommand;
__webpack_unused_export__ = ListCisScanResultsAggregatedByChecksRequest$;
__webpack_unused_export__ = ListCisScanResultsAggregatedByChecksResponse$;
__webpack_unused_export__ = ListCisScanResultsAggregatedByTargetResource$;
__webpack_unused_export__ = ListCisScanResultsAggregatedByTargetResourceCommand;
__webpack_unused_export__ = ListCisScanResultsAggregatedByTargetResourceRequest$;
__webpack_unused_export__ = ListCisScanResultsAggregatedByTargetResourceResponse$;
__webpack_unused_export__ = ListCisScans$;
__webpack_unused_export__ = ListCisScansCommand;
__webpack_unused_export__ = ListCisScansDetailLevel;
__webpack_unused_export__ = ListCisScansFilterCriteria$;
__webpack_unused_export__ = ListCisScansRequest$;
__webpack_unused_export__ = ListCisScansResponse$;
__webpack_unused_export__ = ListCisScansSortBy;
__webpack_unused_export__ = ListCodeSecurityIntegrations$;
__webpack_unused_export__ = ListCodeSecurityIntegrationsCommand;
__webpack_unused_export__ = ListCodeSecurityIntegrationsRequest$;
__webpack_unused_export__ = ListCodeSecurityIntegrationsResponse$;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationAssociations$;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationAssociationsCommand;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationAssociationsRequest$;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationAssociationsResponse$;
__webpack_unused_export__ = ListCodeSecurityScanConfigurations$;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationsCommand;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationsRequest$;
__webpack_unused_export__ = ListCodeSecurityScanConfigurationsResponse$;
__webpack_unused_export__ = ListConnectorScanConfigurations$;
__webpack_unused_export__ = ListConnectorScanConfigurationsCommand;
__webpack_unused_export__ = ListConnectorScanConfigurationsRequest$;
__webpack_unused_export__ = ListConnectorScanConfigurationsResponse$;
__webpack_unused_export__ = ListConnectors$;
__webpack_unused_export__ = ListConnectorsCommand;
__webpack_unused_export__ = ListConnectorsRequest$;
__webpack_unused_export__ = ListConnectorsResponse$;
__webpack_unused_export__ = ListCoverage$;
__webpack_unused_export__ = ListCoverageCommand;
__webpack_unused_export__ = ListCoverageRequest$;
__webpack_unused_export__ = ListCoverageResponse$;
__webpack_unused_export__ = ListCoverageStatistics$;
__webpack_unused_export__ = ListCoverageStatisticsCommand;
__webpack_unused_export__ = ListCoverageStatisticsRequest$;
__webpack_unused_export__ = ListCoverageStatisticsResponse$;
__webpack_unused_export__ = ListDelegatedAdminAccounts$;
__webpack_unused_export__ = ListDelegatedAdminAccountsCommand;
__webpack_unused_export__ = ListDelegatedAdminAccountsRequest$;
__webpack_unused_export__ = ListDelegatedAdminAccountsResponse$;
__webpack_unused_export__ = ListFilters$;
__webpack_unused_export__ = ListFiltersCommand;
__webpack_unused_export__ = ListFiltersRequest$;
__webpack_unused_export__ = ListFiltersResponse$;
__webpack_unused_export__ = ListFindingAggregations$;
__webpack_unused_export__ = ListFindingAggregationsCommand;
__webpack_unused_export__ = ListFindingAggregationsRequest$;
__webpack_unused_export__ = ListFindingAggregationsResponse$;
__webpack_unused_export__ = ListFindings$;
exports.m_$ = ListFindingsCommand;
__webpack_unused_export__ = ListFindingsRequest$;
__webpack_unused_export__ = ListFindingsResponse$;
__webpack_unused_export__ = ListMembers$;
__webpack_unused_export__ = ListMembersCommand;
__webpack_unused_export__ = ListMembersRequest$;
__webpack_unused_export__ = ListMembersResponse$;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceRequest$;
__webpack_unused_export__ = ListTagsForResourceResponse$;
__webpack_unused_export__ = ListUsageTotals$;
__webpack_unused_export__ = ListUsageTotalsCommand;
__webpack_unused_export__ = ListUsageTotalsRequest$;
__webpack_unused_export__ = ListUsageTotalsResponse$;
__webpack_unused_export__ = MapComparison;
__webpack_unused_export__ = MapFilter$;
__webpack_unused_export__ = Member$;
__webpack_unused_export__ = MemberAccountEc2DeepInspectionStatus$;
__webpack_unused_export__ = MemberAccountEc2DeepInspectionStatusState$;
__webpack_unused_export__ = MonthlySchedule$;
__webpack_unused_export__ = NetworkPath$;
__webpack_unused_export__ = NetworkProtocol;
__webpack_unused_export__ = NetworkReachabilityDetails$;
__webpack_unused_export__ = NumberFilter$;
__webpack_unused_export__ = OneTimeSchedule$;
__webpack_unused_export__ = Operation;
__webpack_unused_export__ = PackageAggregation$;
__webpack_unused_export__ = PackageAggregationResponse$;
__webpack_unused_export__ = PackageFilter$;
__webpack_unused_export__ = PackageManager;
__webpack_unused_export__ = PackageSortBy;
__webpack_unused_export__ = PackageType;
__webpack_unused_export__ = PackageVulnerabilityDetails$;
__webpack_unused_export__ = PeriodicScanConfiguration$;
__webpack_unused_export__ = PeriodicScanFrequency;
__webpack_unused_export__ = Permission$;
__webpack_unused_export__ = PortRange$;
__webpack_unused_export__ = PortRangeFilter$;
__webpack_unused_export__ = ProjectCodeSecurityScanConfiguration$;
__webpack_unused_export__ = ProjectContinuousIntegrationScanConfiguration$;
__webpack_unused_export__ = ProjectPeriodicScanConfiguration$;
__webpack_unused_export__ = ProjectSelectionScope;
__webpack_unused_export__ = Provider;
__webpack_unused_export__ = ProviderComparison;
__webpack_unused_export__ = ProviderDetailCreate$;
__webpack_unused_export__ = ProviderDetailUpdate$;
__webpack_unused_export__ = ProviderFilter$;
__webpack_unused_export__ = Recommendation$;
__webpack_unused_export__ = RelationshipStatus;
__webpack_unused_export__ = Remediation$;
__webpack_unused_export__ = ReportFormat;
__webpack_unused_export__ = ReportingErrorCode;
__webpack_unused_export__ = RepositoryAggregation$;
__webpack_unused_export__ = RepositoryAggregationResponse$;
__webpack_unused_export__ = RepositorySortBy;
__webpack_unused_export__ = ResetEncryptionKey$;
__webpack_unused_export__ = ResetEncryptionKeyCommand;
__webpack_unused_export__ = ResetEncryptionKeyRequest$;
__webpack_unused_export__ = ResetEncryptionKeyResponse$;
__webpack_unused_export__ = Resource$;
__webpack_unused_export__ = ResourceDetails$;
__webpack_unused_export__ = ResourceFilterCriteria$;
__webpack_unused_export__ = ResourceMapComparison;
__webpack_unused_export__ = ResourceMapFilter$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = ResourceScanMetadata$;
__webpack_unused_export__ = ResourceScanType;
__webpack_unused_export__ = ResourceState$;
__webpack_unused_export__ = ResourceStatus$;
__webpack_unused_export__ = ResourceStringComparison;
__webpack_unused_export__ = ResourceStringFilter$;
__webpack_unused_export__ = ResourceType;
__webpack_unused_export__ = RuleSetCategory;
__webpack_unused_export__ = Runtime;
__webpack_unused_export__ = SbomReportFormat;
__webpack_unused_export__ = ScanMode;
__webpack_unused_export__ = ScanStatus$;
__webpack_unused_export__ = ScanStatusCode;
__webpack_unused_export__ = ScanStatusReason;
__webpack_unused_export__ = ScanType;
__webpack_unused_export__ = Schedule$;
__webpack_unused_export__ = ScopeConfiguration$;
__webpack_unused_export__ = ScopeConfigurationInput$;
__webpack_unused_export__ = ScopeSettings$;
__webpack_unused_export__ = ScopeState;
__webpack_unused_export__ = ScopeType;
__webpack_unused_export__ = SearchVulnerabilities$;
__webpack_unused_export__ = SearchVulnerabilitiesCommand;
__webpack_unused_export__ = SearchVulnerabilitiesFilterCriteria$;
__webpack_unused_export__ = SearchVulnerabilitiesRequest$;
__webpack_unused_export__ = SearchVulnerabilitiesResponse$;
__webpack_unused_export__ = SendCisSessionHealth$;
__webpack_unused_export__ = SendCisSessionHealthCommand;
__webpack_unused_export__ = SendCisSessionHealthRequest$;
__webpack_unused_export__ = SendCisSessionHealthResponse$;
__webpack_unused_export__ = SendCisSessionTelemetry$;
__webpack_unused_export__ = SendCisSessionTelemetryCommand;
__webpack_unused_export__ = SendCisSessionTelemetryRequest$;
__webpack_unused_export__ = SendCisSessionTelemetryResponse$;
__webpack_unused_export__ = ServerlessFunction$;
__webpack_unused_export__ = ServerlessFunctionAggregation$;
__webpack_unused_export__ = ServerlessFunctionAggregationResponse$;
__webpack_unused_export__ = ServerlessFunctionMetadata$;
__webpack_unused_export__ = ServerlessFunctionSortBy;
__webpack_unused_export__ = Service;
__webpack_unused_export__ = ServiceQuotaExceededException;
__webpack_unused_export__ = ServiceQuotaExceededException$;
__webpack_unused_export__ = Severity;
__webpack_unused_export__ = SeverityCounts$;
__webpack_unused_export__ = SortCriteria$;
__webpack_unused_export__ = SortField;
__webpack_unused_export__ = SortOrder;
__webpack_unused_export__ = StartCisSession$;
__webpack_unused_export__ = StartCisSessionCommand;
__webpack_unused_export__ = StartCisSessionMessage$;
__webpack_unused_export__ = StartCisSessionRequest$;
__webpack_unused_export__ = StartCisSessionResponse$;
__webpack_unused_export__ = StartCodeSecurityScan$;
__webpack_unused_export__ = StartCodeSecurityScanCommand;
__webpack_unused_export__ = StartCodeSecurityScanRequest$;
__webpack_unused_export__ = StartCodeSecurityScanResponse$;
__webpack_unused_export__ = State$;
__webpack_unused_export__ = Status;
__webpack_unused_export__ = StatusCounts$;
__webpack_unused_export__ = Step$;
__webpack_unused_export__ = StopCisMessageProgress$;
__webpack_unused_export__ = StopCisSession$;
__webpack_unused_export__ = StopCisSessionCommand;
__webpack_unused_export__ = StopCisSessionMessage$;
__webpack_unused_export__ = StopCisSessionRequest$;
__webpack_unused_export__ = StopCisSessionResponse$;
__webpack_unused_export__ = StopCisSessionStatus;
__webpack_unused_export__ = StringComparison;
__webpack_unused_export__ = StringFilter$;
__webpack_unused_export__ = SuccessfulAssociationResult$;
__webpack_unused_export__ = SuggestedFix$;
__webpack_unused_export__ = TagComparison;
__webpack_unused_export__ = TagFilter$;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceRequest$;
__webpack_unused_export__ = TagResourceResponse$;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = Time$;
__webpack_unused_export__ = TitleAggregation$;
__webpack_unused_export__ = TitleAggregationResponse$;
__webpack_unused_export__ = TitleSortBy;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceRequest$;
__webpack_unused_export__ = UntagResourceResponse$;
__webpack_unused_export__ = UpdateCisScanConfiguration$;
__webpack_unused_export__ = UpdateCisScanConfigurationCommand;
__webpack_unused_export__ = UpdateCisScanConfigurationRequest$;
__webpack_unused_export__ = UpdateCisScanConfigurationResponse$;
__webpack_unused_export__ = UpdateCisTargets$;
__webpack_unused_export__ = UpdateCodeSecurityIntegration$;
__webpack_unused_export__ = UpdateCodeSecurityIntegrationCommand;
__webpack_unused_export__ = UpdateCodeSecurityIntegrationRequest$;
__webpack_unused_export__ = UpdateCodeSecurityIntegrationResponse$;
__webpack_unused_export__ = UpdateCodeSecurityScanConfiguration$;
__webpack_unused_export__ = UpdateCodeSecurityScanConfigurationCommand;
__webpack_unused_export__ = UpdateCodeSecurityScanConfigurationRequest$;
__webpack_unused_export__ = UpdateCodeSecurityScanConfigurationResponse$;
__webpack_unused_export__ = UpdateConfiguration$;
__webpack_unused_export__ = UpdateConfigurationCommand;
__webpack_unused_export__ = UpdateConfigurationInheritance$;
__webpack_unused_export__ = UpdateConfigurationRequest$;
__webpack_unused_export__ = UpdateConfigurationResponse$;
__webpack_unused_export__ = UpdateConnector$;
__webpack_unused_export__ = UpdateConnectorCommand;
__webpack_unused_export__ = UpdateConnectorRequest$;
__webpack_unused_export__ = UpdateConnectorResponse$;
__webpack_unused_export__ = UpdateConnectorScanConfiguration$;
__webpack_unused_export__ = UpdateConnectorScanConfigurationCommand;
__webpack_unused_export__ = UpdateConnectorScanConfigurationRequest$;
__webpack_unused_export__ = UpdateConnectorScanConfigurationResponse$;
__webpack_unused_export__ = UpdateEc2DeepInspectionConfiguration$;
__webpack_unused_export__ = UpdateEc2DeepInspectionConfigurationCommand;
__webpack_unused_export__ = UpdateEc2DeepInspectionConfigurationRequest$;
__webpack_unused_export__ = UpdateEc2DeepInspectionConfigurationResponse$;
__webpack_unused_export__ = UpdateEncryptionKey$;
__webpack_unused_export__ = UpdateEncryptionKeyCommand;
__webpack_unused_export__ = UpdateEncryptionKeyRequest$;
__webpack_unused_export__ = UpdateEncryptionKeyResponse$;
__webpack_unused_export__ = UpdateFilter$;
__webpack_unused_export__ = UpdateFilterCommand;
__webpack_unused_export__ = UpdateFilterRequest$;
__webpack_unused_export__ = UpdateFilterResponse$;
__webpack_unused_export__ = UpdateGitHubIntegrationDetail$;
__webpack_unused_export__ = UpdateGitLabSelfManagedIntegrationDetail$;
__webpack_unused_export__ = UpdateIntegrationDetails$;
__webpack_unused_export__ = UpdateOrgEc2DeepInspectionConfiguration$;
__webpack_unused_export__ = UpdateOrgEc2DeepInspectionConfigurationCommand;
__webpack_unused_export__ = UpdateOrgEc2DeepInspectionConfigurationRequest$;
__webpack_unused_export__ = UpdateOrgEc2DeepInspectionConfigurationResponse$;
__webpack_unused_export__ = UpdateOrganizationConfiguration$;
__webpack_unused_export__ = UpdateOrganizationConfigurationCommand;
__webpack_unused_export__ = UpdateOrganizationConfigurationRequest$;
__webpack_unused_export__ = UpdateOrganizationConfigurationResponse$;
__webpack_unused_export__ = Usage$;
__webpack_unused_export__ = UsageTotal$;
__webpack_unused_export__ = UsageType;
__webpack_unused_export__ = VMScannerState$;
__webpack_unused_export__ = VMScannerStatus;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = ValidationExceptionField$;
__webpack_unused_export__ = ValidationExceptionReason;
__webpack_unused_export__ = Vm$;
__webpack_unused_export__ = VmInstanceAggregation$;
__webpack_unused_export__ = VmInstanceAggregationResponse$;
__webpack_unused_export__ = VmInstanceMetadata$;
__webpack_unused_export__ = VmInstanceSortBy;
__webpack_unused_export__ = VmPlatform;
__webpack_unused_export__ = Vulnerability$;
__webpack_unused_export__ = VulnerabilitySource;
__webpack_unused_export__ = VulnerablePackage$;
__webpack_unused_export__ = WeeklySchedule$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateGetCisScanResultDetails;
__webpack_unused_export__ = paginateGetClustersForImage;
__webpack_unused_export__ = paginateListAccountPermissions;
__webpack_unused_export__ = paginateListCisScanConfigurations;
__webpack_unused_export__ = paginateListCisScanResultsAggregatedByChecks;
__webpack_unused_export__ = paginateListCisScanResultsAggregatedByTargetResource;
__webpack_unused_export__ = paginateListCisScans;
__webpack_unused_export__ = paginateListConnectorScanConfigurations;
__webpack_unused_export__ = paginateListConnectors;
__webpack_unused_export__ = paginateListCoverage;
__webpack_unused_export__ = paginateListCoverageStatistics;
__webpack_unused_export__ = paginateListDelegatedAdminAccounts;
__webpack_unused_export__ = paginateListFilters;
__webpack_unused_export__ = paginateListFindingAggregations;
__webpack_unused_export__ = paginateListFindings;
__webpack_unused_export__ = paginateListMembers;
__webpack_unused_export__ = paginateListUsageTotals;
__webpack_unused_export__ = paginateSearchVulnerabilities;
__webpack_unused_export__ = waitForConnectorConnected;
__webpack_unused_export__ = waitForConnectorDeleted;
__webpack_unused_export__ = waitForConnectorEnabled;
__webpack_unused_export__ = waitUntilConnectorConnected;
__webpack_unused_export__ = waitUntilConnectorDeleted;
__webpack_unused_export__ = waitUntilConnectorEnabled;


/***/ })

};
