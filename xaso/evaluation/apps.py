from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "xaso.evaluation"
    verbose_name = "Đánh giá, xếp hạng chuyển đổi số cấp xã"
