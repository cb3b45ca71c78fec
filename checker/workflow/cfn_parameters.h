#pragma once
// Parameter values a CloudFormation stack is deployed with, read from the
// files users deploy with: a CloudFormation parameters file
// (`[{"ParameterKey": K, "ParameterValue": V}, ...]`, as `aws cloudformation
// create-stack --parameters file://...` reads) or a CodePipeline template
// configuration (`{"Parameters": {K: V, ...}}`).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checker/workflow/config.h"
#include "parsers/cloudformation/cfn_eval.h"

namespace clause {

// Parameter name -> value. Throws ConfigError naming file:line:col when the
// file cannot be read or has neither shape.
std::map<std::string, std::string> read_cfn_parameters(const std::string &path);

// The same from text; `origin` names the file in errors.
std::map<std::string, std::string> parse_cfn_parameters(const std::string &text, const std::string &origin);

// What each CloudFormation template is deployed with, by its absolute
// path: region and account from the configuration's `locations:`, parameter
// values from `specs` (--cfn-parameters TEMPLATE=FILE, TEMPLATE relative to
// the working directory; they win) or the configuration's
// `cloudformation.parameters`. Every file is read here, so a bad one is an
// error (ConfigError) before any scan starts.
std::function<CfnInputs(const std::string &abs_path)> cfn_inputs_for(std::shared_ptr<const Config> config,
                                                                     const std::vector<std::string> &specs);

}  // namespace clause
