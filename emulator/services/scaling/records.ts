/**
 * The auto-scaling service's records (api-notes/scaling.md): launch templates (configs), groups,
 * their members (VMs the ECS service runs), scaling activities and rules (policies). Ids are
 * integers on the wire (py ctyunsdk_scaling20220909 models; TF int64), stored under their decimal
 * text. Only this service writes these kinds.
 */

export const SCALING_CONFIG_KIND = "scalingConfig";
export const SCALING_GROUP_KIND = "scalingGroup";
export const SCALING_MEMBER_KIND = "scalingMember";
export const SCALING_ACTIVITY_KIND = "scalingActivity";
export const SCALING_RULE_KIND = "scalingRule";

export interface ScalingVolume {
  volumeType: string;
  volumeSize: number;
  /** 1 system disk, 2 data disk. */
  flag: number;
  /** `VBD` or `ISCSI` (data disks; `""` for the system disk). */
  diskMode: string;
}

export interface ScalingTag {
  key: string;
  value: string;
}

export interface ScalingConfigRecord {
  configID: number;
  uuid: string;
  name: string;
  imageID: string;
  specName: string;
  volumes: ScalingVolume[];
  /** 1 no public IP, 2 auto-allocated EIP (refused: not emulated). */
  useFloatings: number;
  bandwidth: number;
  /** The image's OS when the config was last written: 1 Linux, 2 Windows. */
  osType: number;
  /** 1 password, 2 key pair. */
  loginMode: number;
  username: string;
  keyPairID: string;
  /** Never returned: a salted hash made by the ECS service's password rules. */
  passwordHash: string;
  securityGroupIDList: string[];
  /** Zones VMs are launched in (multi-AZ pools); `[]` in single-AZ pools. */
  azNames: string[];
  tags: ScalingTag[];
  monitorService: boolean;
  /** Host and display names of launched VMs (`""`: derived from the config name). */
  instanceName: string;
  displayName: string;
  chargeType: string;
  projectID: string;
  createDate: string;
  updateDate: string;
}

export interface ScalingLoadBalancer {
  port: number;
  lbID: string;
  weight: number;
  /** The ELB target group (后端主机组). */
  hostGroupID: string;
}

export interface ScalingGroupRecord {
  groupID: number;
  uuid: string;
  name: string;
  /** 1 enabled, 2 disabled. */
  status: number;
  vpcID: string;
  subnetIDList: string[];
  securityGroupIDList: string[];
  configList: number[];
  minCount: number;
  maxCount: number;
  expectedCount: number;
  /** 1 server health check, 2 load balancer health check. */
  healthMode: number;
  healthPeriod: number;
  /** 1 earlier config first, 2 later config first, 3 oldest VM first, 4 newest VM first. */
  moveOutStrategy: number;
  /** 1 release, 2 stop and keep. */
  recoveryMode: number;
  /** 1 yes, 2 no. */
  useLb: number;
  lbList: ScalingLoadBalancer[];
  /** 1 uniform, 2 priority; 0 in single-AZ pools. */
  azStrategy: number;
  projectID: string;
  deleteProtection: boolean;
  createDate: string;
  updateDate: string;
  /** Being deleted: its VMs are released and the record goes with the last of them. */
  deleting: boolean;
  /**
   * The execution mode of a change that arrived while an activity ran: the follow-up activity
   * starts when that one ends. 0 when none.
   */
  pendingMode: number;
  /**
   * Metric values alarm rules compare with (test hook: `PATCH /_emulator/resources/scalingGroup/<id>`
   * `{"metrics": {"cpu_util": 90}}`); the emulator has no monitoring service.
   */
  metrics?: Record<string, number>;
}

export interface ScalingMemberRecord {
  /** The association id (move-out-release and protection take it). */
  id: number;
  groupID: number;
  instanceID: string;
  instanceName: string;
  azName: string;
  configID: number;
  configName: string;
  activeID: number;
  executionMode: number;
  /** 1 in service, 2 moving in, 3 moving out. */
  status: number;
  /** 1 normal, 2 abnormal, 3 initializing. */
  healthStatus: number;
  /** 1 protected, 2 not. */
  protectStatus: number;
  projectIDEcs: string;
  createDate: string;
  joinDate: string;
  /** Whether the group launched the VM (released when it leaves) or it was moved in by hand (kept). */
  launched: boolean;
  /** The ECS order launching or releasing the VM ("" when none): its failure is the activity's. Not returned. */
  orderID: string;
}

export interface ScalingActivityRecord {
  activeID: number;
  groupID: number;
  ruleID: string;
  executionMode: number;
  /** 0 running, 1 succeeded, 2 failed. */
  executionResult: number;
  executionDate: string;
  startTime: string;
  endTime: string;
  beforeCount: number;
  afterCount: number;
  ruleExpectDelta: number;
  ruleRealDelta: number;
  failReason: string;
  ruleFailReason: string;
  description: string;
  instanceList: Array<{ instanceID: string; instanceName: string }>;
}

export interface ScalingTriggerRecord {
  name: string;
  metricName: string;
  statistics: string;
  comparisonOperator: string;
  threshold: number;
  period: string;
  evaluationCount: number;
}

export interface ScalingTargetRecord {
  metricName: string;
  targetValue: number;
  scaleOutEvaluationCount: number;
  scaleInEvaluationCount: number;
  operateRange: number;
  disableScaleIn: boolean;
}

export interface ScalingRuleRecord {
  ruleID: number;
  groupID: number;
  name: string;
  /** 1 alarm, 2 scheduled, 3 periodic, 4 target tracking. */
  ruleType: number;
  /** 1 enabled, 2 disabled. */
  status: number;
  action: number;
  operateUnit: number;
  operateCount: number;
  cooldown: number;
  cycle: number;
  day: number[];
  executionTime: string;
  effectiveFrom: string;
  effectiveTill: string;
  triggerObj: ScalingTriggerRecord | null;
  targetObj: ScalingTargetRecord | null;
  projectIDEcs: string;
  createDate: string;
  updateDate: string;
  /**
   * Epoch ms up to which schedules have been handled (creation time at first: occurrences before it
   * never fire), and when an alarm or target rule last fired (its cooldown runs from there).
   */
  handledUntil: number;
}
